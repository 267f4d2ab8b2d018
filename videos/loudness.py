"""Loudness (EBU R128) as the pipeline measures it, and the gain that evens items out.

ffmpeg's ebur128 filter measures the audio as the renditions carry it (downmixed to stereo)
while it passes through unchanged, so a ladder's own decode can measure it; its summary (the
integrated loudness and the true peak) is read from ffmpeg's log at the end of the run.
"""

import re
from dataclasses import dataclass

TARGET_LUFS = -14.0
# A gain never lifts the true peak above this, so normalising never clips (no limiter needed).
PEAK_CEILING_DBTP = -1.0
# ebur128 reports -70 LUFS (its absolute gate) when no block was loud enough to count: silence.
SILENCE_LUFS = -70.0
# Every rendition is stereo, so that is what is measured and what a gain applies to.
STEREO = "aformat=channel_layouts=stereo"
# The per-frame log at verbose level, so only the summary reaches ffmpeg's log (at info).
MEASURE_CHAIN = "ebur128=peak=true:framelog=verbose"

_NUMBER = r"(-?inf|-?[0-9]+(?:\.[0-9]+)?)"
_INTEGRATED = re.compile(rf"^\s*I:\s+{_NUMBER} LUFS\s*$", re.MULTILINE)
_TRUE_PEAK = re.compile(rf"^\s*Peak:\s+{_NUMBER} dBFS\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Loudness:
    """Integrated loudness in LUFS (None for silence) and true peak in dBTP (None for silence)."""

    integrated: float | None
    true_peak: float | None

    @property
    def gain_db(self) -> float | None:
        """The gain to TARGET_LUFS, held down so the true peak stays at PEAK_CEILING_DBTP."""
        if self.integrated is None:
            return None
        gain = TARGET_LUFS - self.integrated
        if self.true_peak is not None:
            gain = min(gain, PEAK_CEILING_DBTP - self.true_peak)
        return round(gain, 1)


def parse_summary(log: str) -> Loudness | None:
    """Read the last ebur128 summary in an ffmpeg log (ffmpeg may set a graph up twice); None
    when the log holds none, so nothing was measured."""
    at = log.rfind("Summary:")
    integrated = _INTEGRATED.search(log, at) if at >= 0 else None
    if integrated is None:
        return None
    peak = _TRUE_PEAK.search(log, at)
    value = _to_number(integrated.group(1))
    if value is None or value <= SILENCE_LUFS:
        return Loudness(integrated=None, true_peak=None)
    return Loudness(
        integrated=round(value, 1), true_peak=_to_number(peak.group(1)) if peak else None
    )


def _to_number(text: str) -> float | None:
    return None if text.endswith("inf") else float(text)
