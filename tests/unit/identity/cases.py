"""One table of typed identifiers, each built from a standard's text (clause in `clause`), run through both
`yunban check … --json` and the forms' validator (tests/integration/cli/test_check_agrees_with_forms.py) and through
the validators (tests/unit/identity/test_standards.py).

`normalized` is what both must store/report; `valid` the verdict; `reason` a fragment of the Chinese reason.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.unit.identity.standard_ref import id_number, uscc


@dataclass(frozen=True)
class Case:
    kind: str  # id | uscc | division
    typed: str
    normalized: str
    valid: bool
    clause: str
    reason: str | None = None


_P81 = id_number("81000019940823002")
_P82 = id_number("82000019940823002")
_P83 = id_number("83000019940823002")
_P81_BAD = id_number("81010019940823002")
_F23 = id_number("93184019800101001")  # 9, Shanghai 31, ISO 3166-1 numeric 840, 1980-01-01, sequence 001
_F23_BAD_NATION = id_number("93199919800101001")
_USCC_CENTRAL = uscc("1", "1", "100000")
_NEW_COUNTY = id_number("51340219900101001")  # 513402 会理市, a GB/T 2260 code since 2021
_DEV_ZONE = id_number("13017119900101001")  # 130171 石家庄高新技术产业开发区: an NBS statistical code only

CASES: tuple[Case, ...] = (
    # GB 11643-1999
    Case("id", "11010519491231002X", "11010519491231002X", True, "GB 11643 annex A example 1"),
    Case("id", "440524188001010014", "440524188001010014", True, "GB 11643 annex A example 2 (born 1880, 潮阳县 code)"),
    Case("id", "1101 0519 4912 3100 2x", "11010519491231002X", True, "normalisation: groups, lower-case x"),
    Case("id", "１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X", True, "normalisation: full-width"),
    Case("id", "110105\u200b1949\u200d1231002X", "11010519491231002X", True, "normalisation: zero-width"),
    Case("id", "110105-19491231-002X", "11010519491231002X", True, "normalisation: dashes"),
    Case("id", "110105 194912310021", "110105194912310021", False, "GB 11643 §5.5 check character", "应为X"),
    Case("id", "110105491231002", "110105491231002", False, "GB 11643 §5 15-digit conversion", "11010519491231002X"),
    Case(
        "id", id_number("53999919900101001"), id_number("53999919900101001"), False, "GB 11643 §5.2 address", "539999"
    ),
    Case("id", id_number("53252420991231001"), id_number("53252420991231001"), False, "GB 11643 §5.3 date", "晚于今天"),
    Case("id", _NEW_COUNTY, _NEW_COUNTY, True, "GB 11643 §5.2 address: a county code created after 2020 (会理市)"),
    Case("id", _DEV_ZONE, _DEV_ZONE, False, "GB 11643 §5.2 address: a statistical development-zone code", "130171"),
    Case("id", _P81, _P81, True, "HK residence permit: 810000 + GB 11643 layout"),
    Case("id", _P82, _P82, True, "Macao residence permit: 820000 + GB 11643 layout"),
    Case("id", _P83, _P83, True, "Taiwan residence permit: 830000 + GB 11643 layout"),
    Case("id", _P81_BAD, _P81_BAD, False, "residence permit: 81 + 0000", "810000"),
    Case("id", "KAZ110090123105", "KAZ110090123105", True, "2017 foreign card: published sample number"),
    Case("id", "932682198501010017", "932682198501010017", True, "2023 foreign card: published sample number"),
    Case("id", _F23, _F23, True, "2023 foreign permanent resident ID: 9 + province + ISO 3166-1 numeric"),
    Case("id", _F23_BAD_NATION, _F23_BAD_NATION, False, "2023 foreign card nationality code", "999"),
    Case("id", "usa 3100 650101 25", "USA310065010125", True, "2017 foreign card: ISO 3166-1 alpha-3 + 12 digits"),
    Case("id", "QQQ310065010125", "QQQ310065010125", False, "2017 foreign card nationality code", "QQQ"),
    # GB 32100-2015
    Case("uscc", "91350100M000100Y43", "91350100M000100Y43", True, "GB 32100 worked example"),
    Case("uscc", "9135 0100 m000 100y 43", "91350100M000100Y43", True, "normalisation: groups, lower case"),
    Case("uscc", "９１３５０１００Ｍ０００１００Ｙ４３", "91350100M000100Y43", True, "normalisation: full-width"),
    Case("uscc", uscc("9", "4", "532524"), uscc("9", "4", "532524"), False, "GB 32100 table 1: 9 allows 1-3", "“4”"),
    Case("uscc", uscc("5", "3", "532524"), uscc("5", "3", "532524"), True, "GB 32100 table 1: 民政 基金会"),
    Case("uscc", uscc("N", "2", "532524"), uscc("N", "2", "532524"), True, "GB 32100 amendment: N 村级集体经济组织"),
    Case("uscc", _USCC_CENTRAL, _USCC_CENTRAL, True, "GB 32100 §4.3 central registration 100000"),
    Case("uscc", uscc("9", "1", "990100"), uscc("9", "1", "990100"), False, "GB 32100 §4.3 division", "990100"),
    Case("uscc", "91350100M000100Y44", "91350100M000100Y44", False, "GB 32100 §4.5 check", "应为3"),
    # GB/T 2260 and the statistical codes
    Case("division", "53", "53", True, "GB/T 2260 province"),
    Case("division", "５３２５ ２４", "532524", True, "normalisation: full-width and spaces"),
    Case("division", "532524-103-205", "532524103205", True, "statistical 12-digit village code"),
    Case("division", "530001", "530001", False, "GB/T 2260 §4: county under a zero prefecture", "上级为0"),
    Case("division", "5300", "5300", False, "prefecture part 00", "不能全为0"),
    Case("division", "530102000", "530102000", False, "9-digit with township 000", "不能全为0"),
    Case("division", "530102000000", "530102000000", False, "12-digit with township 000", "不能全为0"),
    Case("division", "532522", "532522", False, "abolished Yunnan county (蒙自县, 2010)", "旧代码"),
    Case("division", "539999", "539999", False, "unknown Yunnan code", "云南省的区划表中没有"),
    Case("division", "110105", "110105", True, "other province: shape only, outside the table"),
    Case("division", "99", "99", False, "GB/T 2260 province", "“99”"),
)
