"""Document scanners (扫描仪), the UVC document camera (高拍仪) and file import, each returning pages as Pillow
images; `pipeline` makes them upload-ready (rotate, crop to content, grayscale, JPEG within a size budget, PDF).

Modules: `sane_driver` (python-sane: flatbed and ADF), `camera` (QtMultimedia), `file_import` (JPEG/PNG/TIFF/PDF),
`pipeline`, `errors`.
"""
