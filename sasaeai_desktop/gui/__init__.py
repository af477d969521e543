"""The desktop shell (PySide6). The only package that imports Qt; it reaches data through services.

Start it with ``sasaeai_desktop.gui.app.run_gui``.
"""
