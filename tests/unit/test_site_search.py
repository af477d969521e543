"""The site's search folds text alike in Python (the index) and in the browser (what is typed)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest

from sasaeai_desktop.io.site.search import FOLD_JS
from sasaeai_desktop.io.site.search import fold

SAMPLES = ["サロン", "さろん", "ｻﾛﾝ", "配食 サービス", "ＡＢＣ体操１２３", "ヴィラ・ヵ月", "見守り\nネット", "Café"]


def test_fold_in_python() -> None:
    assert fold("サロン") == fold("さろん") == fold("ｻﾛﾝ") == "さろん"
    assert fold("配食 サービス") == "配食さーびす"
    assert fold("ＡＢＣ体操１２３") == "abc体操123"


def test_the_browser_folds_the_same() -> None:
    if shutil.which("node") is None:
        if os.environ.get("SASAEAI_REQUIRE_SITE_CHECKERS") == "1":
            pytest.fail("node is required here (SASAEAI_REQUIRE_SITE_CHECKERS=1)")
        pytest.skip("node is not installed (CI installs it)")
    script = f"{FOLD_JS}\nprocess.stdout.write(JSON.stringify({json.dumps(SAMPLES, ensure_ascii=False)}.map(fold)));"
    done = subprocess.run(["node", "-e", script], capture_output=True, text=True, timeout=60, check=True)
    assert json.loads(done.stdout) == [fold(s) for s in SAMPLES]
