"""The one shape of a progress report, for every long piece of work (imports, exports, prints,
sync, the demo) and everything that shows it (the window's progress dialog, the command line).

``progress(fraction, message)``: ``fraction`` from 0.0 to 1.0, negative when the share done is
not known; ``message`` says in Japanese what is being done. Here, not beside the task lane,
because io/, services/ and gui/ all take one and domain/ is the layer all of them may import.
"""

from __future__ import annotations

from collections.abc import Callable

Progress = Callable[[float, str], None]
