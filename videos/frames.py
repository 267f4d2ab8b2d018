"""Still frames of a video: the candidate thumbnails processing offers, and the filter that
picks them out of the ladder's own decode.

Kept free of Django, like media_tools.
"""

from pathlib import Path

from videos.media_tools import SideOutput, fit_width

# Where the candidates are taken, as shares of the duration (YouTube offers three the same way).
CANDIDATE_SHARES = (0.25, 0.5, 0.75)
STILL_MAX_WIDTH = 1280
STILL_NAME = "still_%d.jpg"


def candidate_times(duration: float) -> list[float]:
    """The moments, in seconds from the start, whose frames are offered as thumbnails."""
    return [round(duration * share, 3) for share in CANDIDATE_SHARES]


def stills_chain(times: list[float]) -> str:
    """Pass the first frame at or after each time (from the first frame), fitted for posters.

    selected_n counts the frames passed so far, so each time lets exactly one frame through.
    """
    terms = "+".join(
        f"gte(t-start_t,{at:.3f})*lt(selected_n,{index})"
        for index, at in enumerate(sorted(times), start=1)
    )
    return f"select='{terms}',{fit_width(STILL_MAX_WIDTH)}"


def stills_output(times: list[float], *, folder: str) -> SideOutput:
    """The candidates as a side output of the ladder's run, from the full-size frames."""
    return SideOutput(
        tap="source",
        chain=stills_chain(times),
        args=(
            *("-fps_mode", "passthrough", "-frames:v", str(len(times))),
            *("-c:v", "mjpeg", "-q:v", "3", "-f", "image2", str(Path(folder) / STILL_NAME)),
        ),
    )
