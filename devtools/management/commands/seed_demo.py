"""Fill an empty platform with a few channels and real generated clips, so the API has life."""

import tempfile
from pathlib import Path

from django.contrib.auth.hashers import make_password
from django.core.management.base import BaseCommand

from accounts.documents import User
from videos import services
from videos.media_tools import probe_media
from videos.samples import make_audio, make_clip
from videos.uploads import InspectedUpload

PASSWORD = "streamsphere-demo"
CHANNELS = [
    ("ada", "Ada Lovelace", [("Analytical engines, explained", "testsrc2", "history,science")]),
    ("grace", "Grace Hopper", [("Nanoseconds on a wire", "smptebars", "science,talks")]),
    ("nina", "Nina Beats", [("Night drive", None, "music,synthwave")]),
]


def _render(folder: Path, pattern: str | None, index: int) -> Path:
    """An 8 s clip of a generated pattern, or a tone when the channel makes music."""
    if pattern is None:
        return make_audio(folder, name=f"track{index}.m4a", seconds=8, frequency=220 * (index + 1))
    return make_clip(
        folder,
        name=f"clip{index}.mp4",
        seconds=8,
        size="640x360",
        pattern=pattern,
        frequency=330 + 110 * index,
    )


class Command(BaseCommand):
    help = "Create demo channels with generated clips (skipped when they already exist)."

    def handle(self, *args, **options):
        if User.objects(username_lower=CHANNELS[0][0]).first():
            self.stdout.write("Demo data already present.")
            return
        folder = Path(tempfile.mkdtemp(prefix="streamsphere-seed-"))
        for index, (username, full_name, items) in enumerate(CHANNELS):
            user = User(
                username=username,
                email=f"{username}@demo.streamsphere.local",
                full_name=full_name,
                password=make_password(PASSWORD),
                email_verified=True,
            )
            user.save(force_insert=True)
            for title, pattern, tags in items:
                path = _render(folder, pattern, index)
                info = probe_media(path=str(path))
                inspected = InspectedUpload(
                    path=str(path),
                    extension=path.suffix.lstrip("."),
                    kind="video" if info.has_video else "audio",
                    info=info,
                )
                data = {"title": title, "tags": tags.split(","), "description": f"By {full_name}."}
                if pattern is None:
                    data["genre"] = "synthwave"
                services.create_video(owner=user, data=data, inspected=inspected)
        names = ", ".join(channel[0] for channel in CHANNELS)
        self.stdout.write(
            f"Demo channels {names} (password {PASSWORD!r}); their clips are processing now."
        )
