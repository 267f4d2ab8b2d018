"""The embedded run refuses to start, clearly and before creating anything, without ffmpeg."""

import os
import subprocess
import sys

from django.conf import settings


def test_serve_without_ffmpeg_exits_with_one_line_naming_the_install_command(tmp_path):
    empty_path = tmp_path / "bin"
    empty_path.mkdir()
    var_dir = tmp_path / "var"
    env = {"PATH": str(empty_path), "HOME": str(tmp_path), "VAR_DIR": str(var_dir)}
    env.update({k: os.environ[k] for k in ("LANG", "LC_ALL") if k in os.environ})
    result = subprocess.run(
        [sys.executable, str(settings.BASE_DIR / "manage.py"), "serve", "127.0.0.1:1"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "ffmpeg and ffprobe not found" in lines[0]
    assert "apt-get install -y ffmpeg" in lines[0]
    assert "Traceback" not in result.stderr + result.stdout
    assert not var_dir.exists()
