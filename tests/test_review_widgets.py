"""The review widgets write the reviews file: driven here through the ipywidgets objects themselves."""
from __future__ import annotations

from pathlib import Path

import gikkit
from gikkit.checks import check
from gikkit.review import load, review
from gikkit.review.widgets import review_panel

DATA = Path(__file__).resolve().parent.parent / "data"


def test_choosing_a_finding_and_saving_writes_the_file(tmp_path):
    data = gikkit.read_many([DATA / "jianglin-education-2022.docx"], jobs=1)
    check(data)
    reviews = tmp_path / "reviews.csv"
    panel = review_panel(data, reviews, lang="en")
    labels = [label for label, _ in panel.finding.options]
    assert len(labels) == 4 and all(label.startswith("[new]") for label in labels)
    target = next(i for label, i in panel.finding.options if "t3_balance" in label)
    panel.finding.value = target
    panel.decision.value = "dismissed"
    panel.note.value = "同一处印错的连带结果"
    panel.save.click()
    assert not reviews.exists() and "reviewer" in panel.message.value  # a decision needs a name
    panel.reviewer.value = "张三"
    panel.save.click()
    (decision,) = load(reviews).values()
    assert (decision.code, decision.decision, decision.note, decision.reviewer) == (
        "t3_balance", "dismissed", "同一处印错的连带结果", "张三")
    assert review(data, reviews).frame.set_index("code").loc["t3_balance", "status"] == "dismissed"
    panel.show.value = "open"  # dismissed findings leave the open list
    assert len(panel.finding.options) == 3 and "t3_balance" not in str(panel.finding.options)
    # a new panel starts from the file; reopening removes the decision
    again = review_panel(data, reviews, reviewer="李四")
    again.finding.value = next(i for label, i in again.finding.options if "t3_balance" in label)
    assert again.decision.value == "dismissed" and again.note.value == "同一处印错的连带结果"
    again.decision.value = "open"
    again.save.click()
    assert load(reviews) == {}
