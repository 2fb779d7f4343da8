"""National code tables used on identity documents.

- GB/T 2261.1-2003 sex codes (性别代码).
- GB/T 3304-1991 ethnic group codes (民族代码) with the standard's romanised names.
- GB/T 2260 province-level codes (省级行政区划代码), including 71 Taiwan and 81/82 Hong Kong/Macao; 83 is the
  prefix the residence permits of Taiwan residents use (GB 11643 numbers `830000…`).
"""

from __future__ import annotations

GENDERS: dict[str, tuple[str, str]] = {
    "0": ("未知的性别", "unknown"),
    "1": ("男", "male"),
    "2": ("女", "female"),
    "9": ("未说明的性别", "unspecified"),
}

ETHNICITIES: dict[str, tuple[str, str]] = {
    code: (zh, en)
    for code, zh, en in (
        ("01", "汉族", "Han"),
        ("02", "蒙古族", "Mongol"),
        ("03", "回族", "Hui"),
        ("04", "藏族", "Zang"),
        ("05", "维吾尔族", "Uygur"),
        ("06", "苗族", "Miao"),
        ("07", "彝族", "Yi"),
        ("08", "壮族", "Zhuang"),
        ("09", "布依族", "Buyei"),
        ("10", "朝鲜族", "Chosen"),
        ("11", "满族", "Man"),
        ("12", "侗族", "Dong"),
        ("13", "瑶族", "Yao"),
        ("14", "白族", "Bai"),
        ("15", "土家族", "Tujia"),
        ("16", "哈尼族", "Hani"),
        ("17", "哈萨克族", "Kazak"),
        ("18", "傣族", "Dai"),
        ("19", "黎族", "Li"),
        ("20", "傈僳族", "Lisu"),
        ("21", "佤族", "Va"),
        ("22", "畲族", "She"),
        ("23", "高山族", "Gaoshan"),
        ("24", "拉祜族", "Lahu"),
        ("25", "水族", "Sui"),
        ("26", "东乡族", "Dongxiang"),
        ("27", "纳西族", "Naxi"),
        ("28", "景颇族", "Jingpo"),
        ("29", "柯尔克孜族", "Kirgiz"),
        ("30", "土族", "Tu"),
        ("31", "达斡尔族", "Daur"),
        ("32", "仫佬族", "Mulao"),
        ("33", "羌族", "Qiang"),
        ("34", "布朗族", "Blang"),
        ("35", "撒拉族", "Salar"),
        ("36", "毛南族", "Maonan"),
        ("37", "仡佬族", "Gelao"),
        ("38", "锡伯族", "Xibe"),
        ("39", "阿昌族", "Achang"),
        ("40", "普米族", "Pumi"),
        ("41", "塔吉克族", "Tajik"),
        ("42", "怒族", "Nu"),
        ("43", "乌孜别克族", "Uzbek"),
        ("44", "俄罗斯族", "Russ"),
        ("45", "鄂温克族", "Ewenki"),
        ("46", "德昂族", "Deang"),
        ("47", "保安族", "Bonan"),
        ("48", "裕固族", "Yugur"),
        ("49", "京族", "Gin"),
        ("50", "塔塔尔族", "Tatar"),
        ("51", "独龙族", "Derung"),
        ("52", "鄂伦春族", "Oroqen"),
        ("53", "赫哲族", "Hezhen"),
        ("54", "门巴族", "Monba"),
        ("55", "珞巴族", "Lhoba"),
        ("56", "基诺族", "Jino"),
        ("97", "其他", "other"),
        ("98", "外国血统中国籍人士", "Chinese citizen of foreign origin"),
    )
}

PROVINCES: dict[str, str] = {
    "11": "北京市",
    "12": "天津市",
    "13": "河北省",
    "14": "山西省",
    "15": "内蒙古自治区",
    "21": "辽宁省",
    "22": "吉林省",
    "23": "黑龙江省",
    "31": "上海市",
    "32": "江苏省",
    "33": "浙江省",
    "34": "安徽省",
    "35": "福建省",
    "36": "江西省",
    "37": "山东省",
    "41": "河南省",
    "42": "湖北省",
    "43": "湖南省",
    "44": "广东省",
    "45": "广西壮族自治区",
    "46": "海南省",
    "50": "重庆市",
    "51": "四川省",
    "52": "贵州省",
    "53": "云南省",
    "54": "西藏自治区",
    "61": "陕西省",
    "62": "甘肃省",
    "63": "青海省",
    "64": "宁夏回族自治区",
    "65": "新疆维吾尔自治区",
    "71": "台湾省",
    "81": "香港特别行政区",
    "82": "澳门特别行政区",
}


def gender_name(code: str | None, language: str = "zh_CN") -> str | None:
    """The GB/T 2261.1 name of a sex code (`1` → 男); unknown codes are returned as they are."""
    if code is None or code == "":
        return None
    names = GENDERS.get(code.strip())
    if names is None:
        return code
    return names[1] if language.startswith("en") else names[0]


def ethnicity_name(code: str | None, language: str = "zh_CN") -> str | None:
    """The GB/T 3304 name of an ethnic group code (`07` → 彝族); accepts `7` too; unknown codes as they are."""
    if code is None or code.strip() == "":
        return None
    key = code.strip().zfill(2)
    names = ETHNICITIES.get(key)
    if names is None:
        return code
    return names[1] if language.startswith("en") else names[0]
