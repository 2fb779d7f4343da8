"""The devices' words: one catalog entry per note and error key devices use (`devices.<kind>.<reason>`), Chinese
here, English in app/i18n/yunban_en.ts; `render(note, language)` words a device note, `DeviceFailure` is the
`UserError` for a device error.

Contract: importing this module installs the catalog as the devices' wording (`devices.errors.install_wording`), so
`str()` of a device error anywhere in the process is a sentence in the CLI's language; `code` stays the device's.
"""

from __future__ import annotations

import logging

from app.errors import UserError
from app.i18n import QT_TRANSLATE_NOOP, Message, cli_language
from devices.errors import DeviceError, Note, install_wording

__all__ = [
    "BAD_JOB_ID",
    "CANNOT_LISTEN",
    "CANNOT_READ_FILE",
    "DEVICE_MESSAGES",
    "JOB_CANCELLED",
    "JOB_EXPIRED",
    "JOB_KEPT",
    "LAYOUT_FAILED",
    "NO_SUCH_JOB",
    "PAGE_TOO_BIG",
    "DeviceFailure",
    "render",
]

log = logging.getLogger(__name__)

# -- what the app's device services say themselves -----------------------------------------------------------------
LAYOUT_FAILED = Message("devices.printer.layout_failed", QT_TRANSLATE_NOOP("messages", "回执排版失败（{error}）"))
BAD_JOB_ID = Message("devices.printer.bad_job_id", QT_TRANSLATE_NOOP("messages", "打印任务编号不对：{job_id}"))
NO_SUCH_JOB = Message("devices.printer.no_such_job", QT_TRANSLATE_NOOP("messages", "没有待打印的任务 {job_id}"))
JOB_EXPIRED = Message(
    "devices.printer.job_expired", QT_TRANSLATE_NOOP("messages", "打印任务 {job_id} 已过期，已删除，不再打印")
)
JOB_CANCELLED = Message("devices.printer.job_cancelled", QT_TRANSLATE_NOOP("messages", "打印任务 {job_id} 已取消"))
JOB_KEPT = Message(
    "devices.printer.job_kept",
    QT_TRANSLATE_NOOP("messages", "{problem}。任务已保留，可重试：yunban devices print-retry {job_id}"),
)
PAGE_TOO_BIG = Message(
    "devices.scanner.page_too_big", QT_TRANSLATE_NOOP("messages", "页面无法压缩到限定大小（{error}）")
)
PDF_NOT_WRITTEN = Message("devices.pdf.not_written", QT_TRANSLATE_NOOP("messages", "无法写入 PDF 文件 {path}"))
CANNOT_READ_FILE = Message("devices.cli.cannot_read_file", QT_TRANSLATE_NOOP("messages", "无法读取 {path}（{error}）"))
CANNOT_LISTEN = Message(
    "devices.cli.cannot_listen", QT_TRANSLATE_NOOP("messages", "无法监听 127.0.0.1:{port}（{error}）")
)


# -- what devices say: the keys of `devices.errors.Note` and of `DeviceError.note` --------------------------------
_DEVICE_NOTES = (
    # card readers (devices/card, devices/emulators/simulated_reader.py)
    Message("devices.card.ready", QT_TRANSLATE_NOOP("messages", "读卡器就绪")),
    Message("devices.card.ready_sam", QT_TRANSLATE_NOOP("messages", "读卡器就绪，安全模块正常")),
    Message("devices.card.ready_pcsc", QT_TRANSLATE_NOOP("messages", "PC/SC读卡器就绪：{reader}")),
    Message("devices.card.ready_simulated", QT_TRANSLATE_NOOP("messages", "模拟读卡器就绪（演示证件：{card}）")),
    Message("devices.card.no_port", QT_TRANSLATE_NOOP("messages", "未配置读卡器串口")),
    Message(
        "devices.card.unknown_driver", QT_TRANSLATE_NOOP("messages", "未知的读卡器驱动：{driver}（可用：{known}）")
    ),
    Message("devices.card.busy_watching", QT_TRANSLATE_NOOP("messages", "读卡器正在自动读卡，请稍后再试")),
    Message("devices.card.stuck", QT_TRANSLATE_NOOP("messages", "读卡器无应答，读卡超时，请检查读卡器")),
    Message("devices.card.cancelled", QT_TRANSLATE_NOOP("messages", "读卡已取消")),
    Message("devices.card.no_card", QT_TRANSLATE_NOOP("messages", "未检测到证件")),
    Message(
        "devices.card.no_card_within",
        QT_TRANSLATE_NOOP("messages", "{timeout:g}秒内未检测到证件，请将证件平放在读卡区"),
    ),
    Message(
        "devices.card.no_new_card_within",
        QT_TRANSLATE_NOOP("messages", "{timeout:g}秒内未检测到新放置的证件；已读过的证件请拿起后重新放置"),
    ),
    Message("devices.card.not_relaid", QT_TRANSLATE_NOOP("messages", "这张证件已读取，请拿起证件后重新放置")),
    Message("devices.card.card_removed", QT_TRANSLATE_NOOP("messages", "读取过程中证件被移开，请重新放置并保持不动")),
    Message(
        "devices.card.lifted_during_read",
        QT_TRANSLATE_NOOP("messages", "读取过程中证件被移开，请重新放置并保持不动（状态码0x{sw3:02X}）"),
    ),
    Message(
        "devices.card.removed_during_apdu", QT_TRANSLATE_NOOP("messages", "读取过程中卡片被移开，请重新插入并保持不动")
    ),
    Message("devices.card.record_truncated", QT_TRANSLATE_NOOP("messages", "记录不完整，证件可能被移开")),
    Message("devices.card.reader_failed", QT_TRANSLATE_NOOP("messages", "读卡器故障，已停止读卡")),
    Message("devices.card.reader_gone", QT_TRANSLATE_NOOP("messages", "读卡器已断开（{port}），请检查连接线")),
    Message("devices.card.pcsc_reader_gone", QT_TRANSLATE_NOOP("messages", "PC/SC读卡器已断开")),
    Message("devices.card.unavailable", QT_TRANSLATE_NOOP("messages", "读卡器不可用")),
    Message("devices.card.port_unavailable", QT_TRANSLATE_NOOP("messages", "无法打开读卡器串口{port}，请检查连接")),
    Message("devices.card.pcscd_down", QT_TRANSLATE_NOOP("messages", "PC/SC服务（pcscd）未运行，请启动pcscd服务")),
    Message("devices.card.no_pcsc_reader", QT_TRANSLATE_NOOP("messages", "未找到PC/SC读卡器（现有：无）")),
    Message(
        "devices.card.pcsc_reader_not_found",
        QT_TRANSLATE_NOOP("messages", "未找到PC/SC读卡器“{wanted}”（现有：{present}）"),
    ),
    Message("devices.card.missing_library", QT_TRANSLATE_NOOP("messages", "缺少{library}库，无法使用{driver}读卡器")),
    Message("devices.card.timeout", QT_TRANSLATE_NOOP("messages", "读卡器无应答，请检查电源和连接线")),
    Message("devices.card.truncated", QT_TRANSLATE_NOOP("messages", "读卡器应答不完整")),
    Message(
        "devices.card.truncated_frame",
        QT_TRANSLATE_NOOP("messages", "读卡器应答不完整（收到{got}字节，应有{expected}字节）"),
    ),
    Message("devices.card.checksum", QT_TRANSLATE_NOOP("messages", "读卡器应答校验和错误，请重试")),
    Message(
        "devices.card.checksum_rejected", QT_TRANSLATE_NOOP("messages", "{status}（状态码0x{sw3:02X}），请检查串口连接")
    ),
    Message(
        "devices.card.sam_fault",
        QT_TRANSLATE_NOOP("messages", "读卡器安全模块故障：{status}（状态码0x{sw3:02X}），请联系技术人员"),
    ),
    Message("devices.card.reader_status", QT_TRANSLATE_NOOP("messages", "{status}（状态码0x{sw3:02X}）")),
    Message("devices.card.bad_preamble", QT_TRANSLATE_NOOP("messages", "读卡器应答格式错误（帧头不符）")),
    Message("devices.card.reply_too_short", QT_TRANSLATE_NOOP("messages", "读卡器应答过短")),
    Message("devices.card.command_too_short", QT_TRANSLATE_NOOP("messages", "命令过短")),
    Message("devices.card.read_failed", QT_TRANSLATE_NOOP("messages", "读卡失败")),
    Message("devices.card.unsupported", QT_TRANSLATE_NOOP("messages", "不支持这种证件")),
    Message("devices.card.card_type_letter", QT_TRANSLATE_NOOP("messages", "不支持的证件类型“{letter}”（第248字节）")),
    Message("devices.card.text_length", QT_TRANSLATE_NOOP("messages", "证件文字信息长度应为256字节，收到{length}字节")),
    Message("devices.card.base_too_short", QT_TRANSLATE_NOOP("messages", "基本信息应答过短")),
    Message("devices.card.base_length", QT_TRANSLATE_NOOP("messages", "基本信息长度不符（{length}字节）")),
    Message(
        "devices.card.not_social_security",
        QT_TRANSLATE_NOOP("messages", "这张卡不是社会保障卡，或未开通公共信息应用（状态字{sw}）"),
    ),
    Message(
        "devices.card.card_refused", QT_TRANSLATE_NOOP("messages", "读取社会保障卡失败：{status}（状态字{sw}，{step}）")
    ),
    Message("devices.card.bad_record", QT_TRANSLATE_NOOP("messages", "记录格式错误（应为标签{tag}）")),
    Message("devices.card.ga467_status.success", QT_TRANSLATE_NOOP("messages", "操作成功")),
    Message("devices.card.ga467_status.card_found", QT_TRANSLATE_NOOP("messages", "找卡成功")),
    Message("devices.card.ga467_status.command_checksum", QT_TRANSLATE_NOOP("messages", "读卡器收到的命令校验和错误")),
    Message("devices.card.ga467_status.command_length", QT_TRANSLATE_NOOP("messages", "读卡器收到的命令长度错误")),
    Message("devices.card.ga467_status.unknown_command", QT_TRANSLATE_NOOP("messages", "读卡器不支持该命令")),
    Message("devices.card.ga467_status.not_permitted", QT_TRANSLATE_NOOP("messages", "越权操作")),
    Message("devices.card.ga467_status.internal_error", QT_TRANSLATE_NOOP("messages", "读卡器内部未知错误")),
    Message("devices.card.ga467_status.card_rejected_sam", QT_TRANSLATE_NOOP("messages", "证件认证安全模块失败")),
    Message("devices.card.ga467_status.sam_rejected_card", QT_TRANSLATE_NOOP("messages", "安全模块认证证件失败")),
    Message("devices.card.ga467_status.verification_failed", QT_TRANSLATE_NOOP("messages", "信息验证失败")),
    Message("devices.card.ga467_status.unknown_card_type", QT_TRANSLATE_NOOP("messages", "无法识别的证件类型")),
    Message("devices.card.ga467_status.read_failed", QT_TRANSLATE_NOOP("messages", "读证件操作失败")),
    Message("devices.card.ga467_status.no_random_number", QT_TRANSLATE_NOOP("messages", "取随机数失败")),
    Message("devices.card.ga467_status.sam_self_test_failed", QT_TRANSLATE_NOOP("messages", "安全模块自检失败")),
    Message("devices.card.ga467_status.sam_not_authorised", QT_TRANSLATE_NOOP("messages", "安全模块未经授权")),
    Message("devices.card.ga467_status.no_card", QT_TRANSLATE_NOOP("messages", "未找到证件")),
    Message("devices.card.ga467_status.select_failed", QT_TRANSLATE_NOOP("messages", "选取证件失败")),
    Message("devices.card.ga467_status.no_such_content", QT_TRANSLATE_NOOP("messages", "证件中无此项内容")),
    Message("devices.card.ga467_status.unknown", QT_TRANSLATE_NOOP("messages", "未知状态码0x{sw3:02X}")),
    Message("devices.card.sw.file_invalidated", QT_TRANSLATE_NOOP("messages", "所选文件已失效")),
    Message("devices.card.sw.memory_failure", QT_TRANSLATE_NOOP("messages", "卡片存储器故障")),
    Message("devices.card.sw.wrong_length", QT_TRANSLATE_NOOP("messages", "命令长度错误")),
    Message("devices.card.sw.security_not_satisfied", QT_TRANSLATE_NOOP("messages", "安全状态不满足（需要PIN或认证）")),
    Message("devices.card.sw.authentication_blocked", QT_TRANSLATE_NOOP("messages", "认证方法已锁定")),
    Message("devices.card.sw.conditions_not_satisfied", QT_TRANSLATE_NOOP("messages", "使用条件不满足")),
    Message("devices.card.sw.no_current_file", QT_TRANSLATE_NOOP("messages", "当前没有选中文件")),
    Message("devices.card.sw.function_not_supported", QT_TRANSLATE_NOOP("messages", "卡片不支持此功能")),
    Message("devices.card.sw.file_not_found", QT_TRANSLATE_NOOP("messages", "卡片上没有这个文件或应用")),
    Message("devices.card.sw.record_not_found", QT_TRANSLATE_NOOP("messages", "卡片上没有这条记录")),
    Message("devices.card.sw.wrong_p1_p2", QT_TRANSLATE_NOOP("messages", "参数P1、P2错误")),
    Message("devices.card.sw.instruction_not_supported", QT_TRANSLATE_NOOP("messages", "卡片不支持此指令")),
    Message("devices.card.sw.class_not_supported", QT_TRANSLATE_NOOP("messages", "卡片不支持此指令类别")),
    Message("devices.card.sw.internal_error", QT_TRANSLATE_NOOP("messages", "卡片内部错误")),
    Message("devices.card.sw.refused", QT_TRANSLATE_NOOP("messages", "卡片拒绝了指令")),
    # receipt printer (devices/printer)
    Message("devices.printer.not_configured", QT_TRANSLATE_NOOP("messages", "未配置打印机")),
    Message("devices.printer.bad_uri", QT_TRANSLATE_NOOP("messages", "打印机地址无法识别：{uri}")),
    Message("devices.printer.missing_library", QT_TRANSLATE_NOOP("messages", "缺少打印机驱动库")),
    Message("devices.printer.no_escpos", QT_TRANSLATE_NOOP("messages", "缺少打印机驱动库 python-escpos")),
    Message("devices.printer.no_pyusb", QT_TRANSLATE_NOOP("messages", "缺少 USB 驱动库 pyusb")),
    Message("devices.printer.refused", QT_TRANSLATE_NOOP("messages", "打印机拒绝连接：{where}")),
    Message("devices.printer.connect_timeout", QT_TRANSLATE_NOOP("messages", "连接打印机超时：{where}")),
    Message("devices.printer.unreachable", QT_TRANSLATE_NOOP("messages", "无法连接打印机：{where}")),
    Message("devices.printer.not_found", QT_TRANSLATE_NOOP("messages", "找不到打印机设备：{where}")),
    Message("devices.printer.usb_not_found", QT_TRANSLATE_NOOP("messages", "未找到 USB 打印机：{where}")),
    Message("devices.printer.denied", QT_TRANSLATE_NOOP("messages", "没有权限访问打印机：{where}")),
    Message("devices.printer.io", QT_TRANSLATE_NOOP("messages", "打印数据发送失败，回执未打印完整，请重试")),
    Message(
        "devices.printer.silent_after_job",
        QT_TRANSLATE_NOOP("messages", "打印过程中与打印机的连接中断，回执可能未打印，请重试"),
    ),
    Message("devices.printer.paper_out", QT_TRANSLATE_NOOP("messages", "打印机缺纸，请装纸后重试")),
    Message("devices.printer.cover_open", QT_TRANSLATE_NOOP("messages", "打印机纸仓盖未关好")),
    Message("devices.printer.offline", QT_TRANSLATE_NOOP("messages", "打印机处于离线状态")),
    Message(
        "devices.printer.paper_out_during",
        QT_TRANSLATE_NOOP("messages", "打印中途缺纸，回执可能不完整，请装纸后重新打印"),
    ),
    Message(
        "devices.printer.unknown_profile",
        QT_TRANSLATE_NOOP("messages", "打印机型号配置有误：没有“{profile}”这个型号（可用：{known}）"),
    ),
    Message(
        "devices.printer.profile_without_width",
        QT_TRANSLATE_NOOP("messages", "打印机型号配置有误：“{profile}”没有说明纸宽，请用：{known}"),
    ),
    Message(
        "devices.printer.no_cjk_font",
        QT_TRANSLATE_NOOP("messages", "光栅打印需要中文字体（Debian：fonts-noto-cjk 或 fonts-wqy-microhei）"),
    ),
    Message("devices.printer.state.ready", QT_TRANSLATE_NOOP("messages", "就绪")),
    Message("devices.printer.state.paper_near_end", QT_TRANSLATE_NOOP("messages", "纸将用完，请准备换纸")),
    Message("devices.printer.state.paper_out", QT_TRANSLATE_NOOP("messages", "缺纸")),
    Message("devices.printer.state.cover_open", QT_TRANSLATE_NOOP("messages", "纸仓盖打开")),
    Message("devices.printer.state.offline", QT_TRANSLATE_NOOP("messages", "离线")),
    Message("devices.printer.state.unknown", QT_TRANSLATE_NOOP("messages", "此连接方式无法读取状态")),
    Message("devices.printer.error", QT_TRANSLATE_NOOP("messages", "打印失败")),
    # scanners, document camera, file import (devices/scanner, devices/emulators/document_camera.py)
    Message(
        "devices.scanner.unknown_driver", QT_TRANSLATE_NOOP("messages", "扫描仪驱动配置有误：{driver}（可用：{known}）")
    ),
    Message("devices.scanner.no_file", QT_TRANSLATE_NOOP("messages", "请指定要导入的文件（--device PATH）")),
    Message("devices.scanner.file_import", QT_TRANSLATE_NOOP("messages", "从文件导入")),
    Message("devices.scanner.file_present", QT_TRANSLATE_NOOP("messages", "文件可读取")),
    Message("devices.scanner.file_missing", QT_TRANSLATE_NOOP("messages", "文件不存在：{file}")),
    Message("devices.scanner.sane_ready", QT_TRANSLATE_NOOP("messages", "扫描仪就绪：{vendor} {model}")),
    Message("devices.scanner.no_device", QT_TRANSLATE_NOOP("messages", "未发现扫描仪")),
    Message("devices.scanner.device_not_found", QT_TRANSLATE_NOOP("messages", "找不到扫描仪 {device}")),
    Message("devices.scanner.not_present", QT_TRANSLATE_NOOP("messages", "未发现扫描设备")),
    Message("devices.scanner.missing_library", QT_TRANSLATE_NOOP("messages", "缺少扫描仪驱动库")),
    Message("devices.scanner.no_python_sane", QT_TRANSLATE_NOOP("messages", "缺少扫描仪驱动库 python-sane")),
    Message("devices.scanner.no_qtpdf", QT_TRANSLATE_NOOP("messages", "缺少 PDF 组件 QtPdf")),
    Message("devices.scanner.no_qtmultimedia", QT_TRANSLATE_NOOP("messages", "缺少 QtMultimedia")),
    Message("devices.scanner.jammed", QT_TRANSLATE_NOOP("messages", "扫描仪进纸器卡纸，请取出卡住的纸张后重试")),
    Message("devices.scanner.no_docs", QT_TRANSLATE_NOOP("messages", "进纸器中没有文件，请放入材料后重试")),
    Message("devices.scanner.cover_open", QT_TRANSLATE_NOOP("messages", "扫描仪盖板未合上")),
    Message("devices.scanner.busy", QT_TRANSLATE_NOOP("messages", "扫描仪正忙，请稍后重试")),
    Message("devices.scanner.io", QT_TRANSLATE_NOOP("messages", "扫描仪通信出错，请检查连接线")),
    Message("devices.scanner.denied", QT_TRANSLATE_NOOP("messages", "没有权限访问扫描仪")),
    Message("devices.scanner.cancelled", QT_TRANSLATE_NOOP("messages", "扫描已取消")),
    Message("devices.scanner.unsupported", QT_TRANSLATE_NOOP("messages", "扫描仪不支持该操作")),
    Message("devices.scanner.invalid_argument", QT_TRANSLATE_NOOP("messages", "扫描参数无效")),
    Message("devices.scanner.out_of_memory", QT_TRANSLATE_NOOP("messages", "内存不足，无法完成扫描")),
    Message("devices.scanner.sane_error", QT_TRANSLATE_NOOP("messages", "扫描失败：{error}")),
    Message("devices.scanner.error", QT_TRANSLATE_NOOP("messages", "扫描失败")),
    Message(
        "devices.scanner.timeout",
        QT_TRANSLATE_NOOP("messages", "扫描仪无响应，请检查扫描仪后重试；如仍无响应请重启终端"),
    ),
    Message("devices.scanner.no_feeder", QT_TRANSLATE_NOOP("messages", "该扫描仪没有自动进纸器")),
    Message("devices.scanner.after_pages", QT_TRANSLATE_NOOP("messages", "{problem}（已扫描 {pages} 页）")),
    Message("devices.scanner.setup_failed", QT_TRANSLATE_NOOP("messages", "扫描仪设置失败：{error}")),
    Message("devices.scanner.unreadable", QT_TRANSLATE_NOOP("messages", "文件无法读取：{file}（{why}）")),
    Message(
        "devices.scanner.too_many_pages",
        QT_TRANSLATE_NOOP("messages", "文件页数过多：{file} 有 {pages} 页，最多 {limit} 页"),
    ),
    Message("devices.scanner.camera_silent", QT_TRANSLATE_NOOP("messages", "高拍仪没有响应")),
    Message("devices.scanner.camera_busy", QT_TRANSLATE_NOOP("messages", "高拍仪正被其他程序占用，请稍后重试")),
    Message("devices.scanner.camera_denied", QT_TRANSLATE_NOOP("messages", "没有权限使用高拍仪")),
    Message("devices.scanner.camera_error", QT_TRANSLATE_NOOP("messages", "高拍仪出错：{error}")),
    Message("devices.scanner.no_camera", QT_TRANSLATE_NOOP("messages", "未连接高拍仪")),
    Message("devices.scanner.camera_present", QT_TRANSLATE_NOOP("messages", "高拍仪已连接：{name}")),
    Message("devices.scanner.camera_simulated", QT_TRANSLATE_NOOP("messages", "模拟高拍仪，非真实设备")),
    Message(
        "devices.scanner.simulated_picture_missing", QT_TRANSLATE_NOOP("messages", "模拟高拍仪的图片不存在：{path}")
    ),
    Message("devices.scanner.picture_unreadable", QT_TRANSLATE_NOOP("messages", "图片无法读取：{path}")),
    Message("devices.scanner.no_picture", QT_TRANSLATE_NOOP("messages", "高拍仪没有画面，请检查连接线")),
    Message("devices.scanner.not_settled", QT_TRANSLATE_NOOP("messages", "画面一直在动，请放稳材料后重试")),
    Message("devices.scanner.no_qr", QT_TRANSLATE_NOOP("messages", "没有识别到二维码，请将回执二维码放在高拍仪下")),
    Message("devices.scanner.no_camera_configured", QT_TRANSLATE_NOOP("messages", "未配置高拍仪，无法扫描二维码")),
    # a key nobody wrote words for
    Message("devices.unknown", QT_TRANSLATE_NOOP("messages", "设备故障（{key}）")),
)
DEVICE_MESSAGES: dict[str, Message] = {message.code: message for message in _DEVICE_NOTES}
"""Device notes by key."""


def render(note: Note, language: str | None = None) -> str:
    """A device note in words (`language` None: the CLI's); a note parameter that is itself a note is worded first."""
    language = language or cli_language()
    params = {
        name: render(value, language) if isinstance(value, Note) else value for name, value in note.params.items()
    }
    message = DEVICE_MESSAGES.get(note.key)
    if message is not None:
        try:
            return message.render(language, **params)
        except (KeyError, IndexError, ValueError):  # raised without the parameters its message names
            log.warning("device message %s lacks parameters: %s", note.key, sorted(params))
    else:
        log.warning("no words for device message %s", note.key)
    return DEVICE_MESSAGES["devices.unknown"].render(language, key=note.key)


install_wording(render)


class DeviceFailure(UserError):
    """A device error as a `UserError`: worded from the catalog, `code` the device's own (stable, `--json`).

    With `frame` (a Message with `{problem}`), the device's words go inside it: `JOB_KEPT` adds how to retry."""

    def __init__(self, error: DeviceError, frame: Message | None = None, /, **params: object) -> None:
        self.error = error
        self.frame = frame
        note = error.note
        if frame is not None:
            super().__init__(frame, problem=render(note, "zh_CN"), **params)
        elif note.key in DEVICE_MESSAGES:
            super().__init__(DEVICE_MESSAGES[note.key], **note.params, **params)
        else:
            super().__init__(DEVICE_MESSAGES["devices.unknown"], key=note.key, **params)

    @property
    def code(self) -> str:
        return self.error.code

    def message(self, language: str = "zh_CN") -> str:
        problem = render(self.error.note, language)
        if self.frame is None:
            return problem
        return self.frame.render(language, **{**self.params, "problem": problem})
