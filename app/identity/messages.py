"""The identity domain's messages (codes `identity.*`): why an ID number, credit code or division code is invalid.
Chinese source text here, English in `app/i18n/yunban_en.ts`.

Contract: the validators render them into `ValidationResult.reason_zh` / `reason_en`; they never quote more of the
value than the characters at fault.
"""

from __future__ import annotations

from app.i18n import QT_TRANSLATE_NOOP, Message

# GB 11643 identity numbers (and residence permits, foreign permanent resident IDs)
ID_EMPTY = Message("identity.id_empty", QT_TRANSLATE_NOOP("messages", "请输入18位身份号码"))
ID_FIRST_GENERATION = Message(
    "identity.id_first_generation",
    QT_TRANSLATE_NOOP("messages", "这是15位的第一代身份证号码，请使用第二代身份证上的18位号码"),
)
ID_LENGTH = Message("identity.id_length", QT_TRANSLATE_NOOP("messages", "身份号码应为18位，现为{length}位"))
ID_NOT_DIGIT = Message(
    "identity.id_not_digit", QT_TRANSLATE_NOOP("messages", "前17位应全为数字，第{position}位是“{char}”")
)
ID_BAD_LAST = Message("identity.id_bad_last", QT_TRANSLATE_NOOP("messages", "第18位应为数字或X，现为“{char}”"))
ID_FOREIGN_PROVINCE = Message(
    "identity.id_foreign_province", QT_TRANSLATE_NOOP("messages", "第2至3位“{code}”不是有效的省级受理地代码")
)
ID_PERMIT_PREFIX = Message(
    "identity.id_permit_prefix", QT_TRANSLATE_NOOP("messages", "居住证号码的前6位应为{prefix}0000")
)
ID_PROVINCE = Message(
    "identity.id_province", QT_TRANSLATE_NOOP("messages", "前2位“{code}”不是有效的省级行政区划代码，请核对号码")
)
ID_BAD_BIRTH_DATE = Message(
    "identity.id_bad_birth_date", QT_TRANSLATE_NOOP("messages", "第7至14位的出生日期“{date}”不是有效日期")
)
ID_BIRTH_IN_FUTURE = Message(
    "identity.id_birth_in_future", QT_TRANSLATE_NOOP("messages", "出生日期“{date}”晚于今天，请核对号码")
)
ID_BIRTH_BEFORE_BOUND = Message(
    "identity.id_birth_before_bound",
    QT_TRANSLATE_NOOP("messages", "出生日期“{date}”早于本机设定的下限{bound}（{why}），请核对号码"),
)
ID_LEGACY_CONVERT = Message(
    "identity.id_legacy_convert",
    QT_TRANSLATE_NOOP("messages", "这是15位的第一代身份证号码，对应的18位号码为{converted}，请核对后使用18位号码"),
)
ID_ADDRESS_UNKNOWN = Message(
    "identity.id_address_unknown",
    QT_TRANSLATE_NOOP("messages", "前6位地址码“{code}”既不是现行的也不是1980年以来用过的行政区划代码，请核对号码"),
)
ID_NATIONALITY = Message(
    "identity.id_nationality",
    QT_TRANSLATE_NOOP("messages", "第{start}至{end}位国籍代码“{code}”不在ISO 3166-1国家代码表中"),
)
ID_FOREIGN_2017_LAYOUT = Message(
    "identity.id_foreign_2017_layout",
    QT_TRANSLATE_NOOP("messages", "15位外国人永久居留证号码应为3位字母国籍代码加12位数字，第{position}位是“{char}”"),
)
ID_SEX_MISMATCH = Message(
    "identity.id_sex_mismatch",
    QT_TRANSLATE_NOOP("messages", "身份号码第17位表示性别为{expected}，与填写的性别不一致，请核对"),
)
ID_BIRTH_MISMATCH = Message(
    "identity.id_birth_mismatch",
    QT_TRANSLATE_NOOP("messages", "身份号码第7至14位表示出生日期为{expected}，与填写的出生日期不一致，请核对"),
)
ID_BIRTH_MISMATCH_YYMMDD = Message(
    "identity.id_birth_mismatch_yymmdd",
    QT_TRANSLATE_NOOP(
        "messages", "证件号码第8至13位表示出生日期为{expected}（年月日各两位），与填写的出生日期不一致，请核对"
    ),
)
ID_CHECK_DIGIT = Message(
    "identity.id_check_digit", QT_TRANSLATE_NOOP("messages", "第18位校验码应为{expected}，请核对号码")
)

# GB 32100 unified social credit codes
USCC_LENGTH = Message("identity.uscc_length", QT_TRANSLATE_NOOP("messages", "统一社会信用代码应为18位，现为{length}位"))
USCC_BAD_CHAR = Message(
    "identity.uscc_bad_char", QT_TRANSLATE_NOOP("messages", "第{position}位“{char}”不是统一社会信用代码使用的字符")
)
USCC_CONFUSABLE_CHAR = Message(
    "identity.uscc_confusable_char",
    QT_TRANSLATE_NOOP(
        "messages",
        "第{position}位“{char}”不是统一社会信用代码使用的字符（代码中不使用I、O、S、V、Z，可能是1、0、5、U、2）",
    ),
)
USCC_AUTHORITY = Message("identity.uscc_authority", QT_TRANSLATE_NOOP("messages", "第1位登记管理部门代码“{char}”无效"))
USCC_AREA = Message(
    "identity.uscc_area", QT_TRANSLATE_NOOP("messages", "第3至8位“{area}”应为登记管理机关所在地的行政区划代码")
)
USCC_TYPE = Message(
    "identity.uscc_type",
    QT_TRANSLATE_NOOP(
        "messages", "第2位机构类别代码“{char}”不属于第1位登记管理部门“{authority}”（该部门只用{allowed}）"
    ),
)
USCC_CHECK_DIGIT = Message(
    "identity.uscc_check_digit", QT_TRANSLATE_NOOP("messages", "第18位校验码应为{expected}，请核对代码")
)
USCC_ORG_CHECK = Message(
    "identity.uscc_org_check",
    QT_TRANSLATE_NOOP("messages", "第9至17位组织机构代码的校验码（第17位）应为{expected}"),
)

# GB/T 2260 and statistical division codes
DIVISION_NOT_DIGITS = Message(
    "identity.division_not_digits", QT_TRANSLATE_NOOP("messages", "行政区划代码只能由数字组成")
)
DIVISION_LENGTH = Message(
    "identity.division_length", QT_TRANSLATE_NOOP("messages", "行政区划代码应为2、4、6、9或12位，现为{length}位")
)
DIVISION_PROVINCE = Message(
    "identity.division_province", QT_TRANSLATE_NOOP("messages", "前2位“{code}”不是有效的省级行政区划代码")
)
DIVISION_NOT_IN_TABLE = Message(
    "identity.division_not_in_table",
    QT_TRANSLATE_NOOP("messages", "格式正确，但本机区划表中没有这个代码（表中只有云南省的区划），请核对"),
)
DIVISION_SHAPE = Message(
    "identity.division_shape",
    QT_TRANSLATE_NOOP(
        "messages", "第{start}至{end}位为0，但下一级第{next_start}至{next_end}位不为0：上级为0的代码不能有下级"
    ),
)
DIVISION_ZERO_PART = Message(
    "identity.division_zero_part",
    QT_TRANSLATE_NOOP("messages", "第{start}至{end}位（{level}）不能全为0"),
)
DIVISION_YUNNAN_UNKNOWN = Message(
    "identity.division_yunnan_unknown", QT_TRANSLATE_NOOP("messages", "云南省的区划表中没有这个代码，请核对")
)
DIVISION_YUNNAN_HISTORICAL = Message(
    "identity.division_yunnan_historical",
    QT_TRANSLATE_NOOP("messages", "这是已撤销或变更的旧代码（{name}，使用至{until}年），现行区划表中没有它"),
)
