"""The yearly review a disclosure office does: findings with stable ids, decisions kept in a file,
peer benchmarks, and notices to each agency.

    >>> from gikkit import review
    >>> data = gikkit.read_many(["data/"])
    >>> r = review.review(data, "data/reviews.csv")   # r.frame: findings with status; r.stale
    >>> review.decide("data/reviews.csv", r.frame.iloc[0], "dismissed", note="...", reviewer="王")
    >>> review.benchmarks(data.to_frame())            # metric values, rank, peer quartiles
    >>> review.write_notices(data, "out/", decisions="data/reviews.csv", expected="units.csv")
"""
from .decisions import DECISIONS, STATUSES, Decision, Review, ReviewsFileError, decide, load, review, save
from .fingerprints import finding_key, fingerprint, fingerprint_frame
from .metrics import METRICS, METRICS_BY_KEY, MIN_PEERS, Metric, benchmarks, formula, level_of, metric_values
from .signals import metric_findings

__all__ = ["DECISIONS", "METRICS", "METRICS_BY_KEY", "MIN_PEERS", "STATUSES", "Decision", "Metric", "Review",
           "ReviewsFileError", "benchmarks", "decide", "finding_key", "fingerprint", "fingerprint_frame", "formula",
           "level_of", "load", "metric_findings", "metric_values", "review", "save", "write_notices"]


def write_notices(*args, **kwargs):
    """See :func:`gikkit.review.notices.write_notices` (imported on use: it needs python-docx and reportlab)."""
    from .notices import write_notices as _write

    return _write(*args, **kwargs)
