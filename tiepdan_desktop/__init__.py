"""tiepdan_desktop: tiếp công dân, xử lý đơn, giải quyết khiếu nại, tố cáo cho UBND cấp xã."""

__version__ = "0.1.0"
APP_NAME = "Tiếp công dân"
