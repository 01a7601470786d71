"""JupyterLab end to end: open compare.ipynb in headless Chromium, run every cell, change a dropdown
of the explorer and see the chart change.

JupyterLab runs from its own virtualenv (``.venv-lab``, made by ``make lab-venv``); its ``python3``
kernel is the main virtualenv's Python, where gikkit is installed. The lab works on a private copy of
the notebook (next to a link to ``data/``) with autosave off, so it never writes into the repository.
Every wait has a timeout and a watchdog stops the server if the test overruns: a hung widget fails
the test, it never blocks the suite.
"""
from __future__ import annotations

import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import threading
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import sync_playwright
from browser import launch

ROOT = Path(__file__).resolve().parent.parent
LAB_VENV = ROOT / ".venv-lab"
# No name but localhost resolves: nothing can leave the machine (page.route would also
# intercept the lab's own requests and stall the kernel connection).
LOCAL_ONLY = ("--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",)
SERVER_START_TIMEOUT = 90  # seconds
RUN_ALL_TIMEOUT_MS = 120_000
CHART_CHANGE_TIMEOUT_MS = 60_000
WATCHDOG_SECONDS = 420  # the whole test; past it the server is killed and every wait fails

LAB_SETTINGS = {  # JupyterLab user settings for the run: nothing saved, nothing fetched, every cell in the DOM
    "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"checkForUpdates": False, "fetchNews": "false"},
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none", "autoStartDefaultKernel": True},
}

# A fingerprint of what a plotly chart shows: its traces' data, its title, and its drawn SVG marks.
CHART_SIGNATURE_JS = """el => {
  const data = (el.data || []).map(t => [t.type, t.name, t.x, t.y, t.z, t.values, t.labels, t.text]);
  const title = (el.querySelector('.gtitle') || {}).textContent || '';
  const marks = Array.from(el.querySelectorAll('.trace path, .point path, .sankey-link'))
                     .map(p => p.getAttribute('d')).join('|');
  return JSON.stringify([data, title, marks]);
}"""


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str, token: str, timeout: float = 5) -> int:
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (localhost only)
        return response.status


def _kernel_python() -> str:
    spec = LAB_VENV / "share" / "jupyter" / "kernels" / "python3" / "kernel.json"
    assert spec.exists(), f"{spec} missing: run `make lab-venv`"
    return json.loads(spec.read_text())["argv"][0]


@pytest.fixture
def lab(tmp_path):
    """A JupyterLab server on a free localhost port, on a private copy of the notebooks; yields (url, token, its folder)."""
    jupyter_lab = LAB_VENV / "bin" / "jupyter-lab"
    assert jupyter_lab.exists(), f"{jupyter_lab} missing: run `make lab-venv` (JupyterLab lives in .venv-lab)"
    python = _kernel_python()
    check = subprocess.run([python, "-c", "import gikkit, ipywidgets, plotly"], capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, f"the lab's kernel ({python}) cannot import gikkit: {check.stderr[-500:]}"

    root = tmp_path / "root"
    (root / "notebooks").mkdir(parents=True)
    shutil.copy(ROOT / "notebooks" / "compare.ipynb", root / "notebooks" / "compare.ipynb")
    (root / "data").symlink_to(ROOT / "data", target_is_directory=True)
    for name, value in LAB_SETTINGS.items():
        path = tmp_path / "lab-settings" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(value))
    dirs = {v: tmp_path / v.lower() for v in ("JUPYTER_CONFIG_DIR", "JUPYTER_DATA_DIR", "JUPYTER_RUNTIME_DIR",
                                             "JUPYTERLAB_WORKSPACES_DIR", "IPYTHONDIR")}
    for d in dirs.values():
        d.mkdir()
    env = os.environ | {k: str(v) for k, v in dirs.items()} | {"JUPYTERLAB_SETTINGS_DIR": str(tmp_path / "lab-settings")}
    env.pop("GIKKIT_EXPORT", None)  # the live notebook, with widgets

    port, token = _free_port(), secrets.token_hex(16)
    log = open(tmp_path / "lab.log", "w")
    server = subprocess.Popen(
        [str(jupyter_lab), "--no-browser", f"--port={port}", "--ServerApp.port_retries=0", "--ServerApp.ip=127.0.0.1",
         f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={root}",
         "--allow-root", "--KernelSpecManager.ensure_native_kernel=False", "--LabApp.extension_manager=readonly",
         "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate"],
        cwd=root, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)

    def stop():
        if server.poll() is None:
            os.killpg(server.pid, signal.SIGTERM)  # the server and the kernels it started (its own session)
            try:
                server.wait(15)
            except subprocess.TimeoutExpired:
                os.killpg(server.pid, signal.SIGKILL)
                server.wait(5)

    watchdog = threading.Timer(WATCHDOG_SECONDS, stop)
    watchdog.start()
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + SERVER_START_TIMEOUT
        while True:
            assert server.poll() is None, f"JupyterLab exited: {(tmp_path / 'lab.log').read_text()[-2000:]}"
            try:
                if _get(f"{url}/api/status", token) == 200:
                    break
            except OSError:
                pass
            assert time.monotonic() < deadline, f"JupyterLab did not start: {(tmp_path / 'lab.log').read_text()[-2000:]}"
            time.sleep(0.5)
        yield url, token, tmp_path
    finally:
        watchdog.cancel()
        stop()
        log.close()


def _explorer_select(page):
    """The explorer's agency dropdown (else the first dropdown with a choice to make)."""
    selects = page.locator(".jp-OutputArea-output .widget-dropdown select")
    assert selects.count() > 0, "no dropdown of the explorer in the page"
    candidates = []
    for i in range(selects.count()):
        select = selects.nth(i)
        label = select.locator("xpath=preceding-sibling::label").all_inner_texts()
        if select.locator("option").count() > 1:
            candidates.append((not re.search(r"机关|agency", " ".join(label), re.I), i, select))
    assert candidates, "no dropdown of the explorer offers a choice"
    return sorted(candidates, key=lambda c: c[:2])[0][2]


def test_compare_notebook_runs_in_jupyterlab_and_its_explorer_updates_the_chart(lab):
    url, token, folder = lab
    with sync_playwright() as p:
        browser = launch(p, LOCAL_ONLY)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(60_000)
            page_errors: list[str] = []
            requests: list[str] = []
            page.on("pageerror", lambda e: page_errors.append(str(e)))
            page.on("request", lambda r: requests.append(r.url))

            page.goto(f"{url}/lab/tree/notebooks/compare.ipynb?token={token}&reset")
            page.wait_for_selector(".jp-NotebookPanel .jp-CodeCell", timeout=90_000)
            page.wait_for_function("() => /\\| Idle/.test(document.querySelector('.jp-StatusBar-Widget')?.innerText || '')",
                                   timeout=90_000)  # the kernel is connected and idle
            dialog = page.locator(".jp-Dialog")  # "Select Kernel", should the lab still ask: take the notebook's
            if dialog.count():
                dialog.locator("button", has_text="Select").click()

            page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^Run$")).click()
            page.locator(".lm-Menu-itemLabel", has_text=re.compile(r"^Run All Cells$")).click()
            page.wait_for_function(
                """() => {
                    const prompts = Array.from(document.querySelectorAll('.jp-NotebookPanel .jp-CodeCell .jp-InputPrompt'));
                    return prompts.length > 0 && prompts.every(p => /\\[\\d+\\]/.test(p.textContent));
                }""", timeout=RUN_ALL_TIMEOUT_MS)

            tracebacks = [t for t in page.locator(".jp-OutputArea-output").all_inner_texts() if "Traceback" in t]
            assert not tracebacks, tracebacks[0][-1500:]
            explorer_output = page.locator(".jp-OutputArea-output", has=page.locator(".widget-dropdown select")).first
            chart = explorer_output.locator(".js-plotly-plot").first
            chart.wait_for(state="visible", timeout=60_000)
            page.wait_for_function(  # the explorer's charts and the four below it have drawn
                "() => document.querySelectorAll('.jp-OutputArea-output .js-plotly-plot .main-svg').length >= 7",
                timeout=60_000)

            before = chart.evaluate(CHART_SIGNATURE_JS)
            select = _explorer_select(page)
            current = select.input_value()
            choices = [t for t in select.locator("option").all_inner_texts() if t.strip() and t != current]
            select.select_option(label=choices[-1])
            # a chart whose traces change kind is cleared before it is refilled: wait for the end state
            page.wait_for_function(f"([el, before, chosen]) => {{ const now = ({CHART_SIGNATURE_JS})(el); "
                                   "return now !== before && now.includes(chosen); }",
                                   arg=[chart.element_handle(), before, choices[-1]], timeout=CHART_CHANGE_TIMEOUT_MS)
            after = chart.evaluate(CHART_SIGNATURE_JS)
            print("explorer chart before:", before[:300], "\nafter:", after[:300])
            assert choices[-1] in after and choices[-1] not in before, "the chart now shows the chosen agency"
            assert not page_errors, page_errors
            outside = [u for u in requests if urlparse(u).scheme in ("http", "https", "ws", "wss")
                       and urlparse(u).hostname not in ("127.0.0.1", "localhost")]  # blob:/data: stay in the page
            assert not outside, outside
        except Exception:
            page.screenshot(path=str(folder / "failure.png"), full_page=True)
            print(f"screenshot: {folder / 'failure.png'}\n" + (folder / "lab.log").read_text()[-3000:])
            raise
        finally:
            browser.close()
