"""Packaging: the PyInstaller spec, the Windows installer script and the build script."""
