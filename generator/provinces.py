"""The 31 provincial-level divisions of the mainland: fixed codes, names, and tile-grid map positions."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Province:
    code: str
    zh: str  # short name, as on the map
    zh_full: str
    en: str
    col: int
    row: int
    # The capital's telephone area code: 区号 + 12351 reaches the provincial trade-union federation's line
    # (../shared/reference/labour-law.md, 10.3 and 10.3a).
    capital_zh: str
    capital_en: str
    area_code: str

    def name(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def capital(self, lang: str) -> str:
        return self.capital_zh if lang == "zh" else self.capital_en

    @property
    def union_line(self) -> str:
        return f"{self.area_code}-12351"


# Tile grid: one square per division, placed roughly where it lies (north at the top).
PROVINCES: tuple[Province, ...] = (
    Province("heilongjiang", "黑龙江", "黑龙江省", "Heilongjiang", 7, 0, "哈尔滨", "Harbin", "0451"),
    Province("inner-mongolia", "内蒙古", "内蒙古自治区", "Inner Mongolia", 5, 1, "呼和浩特", "Hohhot", "0471"),
    Province("jilin", "吉林", "吉林省", "Jilin", 7, 1, "长春", "Changchun", "0431"),
    Province("xinjiang", "新疆", "新疆维吾尔自治区", "Xinjiang", 1, 2, "乌鲁木齐", "Urumqi", "0991"),
    Province("gansu", "甘肃", "甘肃省", "Gansu", 3, 2, "兰州", "Lanzhou", "0931"),
    Province("ningxia", "宁夏", "宁夏回族自治区", "Ningxia", 4, 2, "银川", "Yinchuan", "0951"),
    Province("beijing", "北京", "北京市", "Beijing", 5, 2, "北京", "Beijing", "010"),
    Province("tianjin", "天津", "天津市", "Tianjin", 6, 2, "天津", "Tianjin", "022"),
    Province("liaoning", "辽宁", "辽宁省", "Liaoning", 7, 2, "沈阳", "Shenyang", "024"),
    Province("qinghai", "青海", "青海省", "Qinghai", 2, 3, "西宁", "Xining", "0971"),
    Province("shaanxi", "陕西", "陕西省", "Shaanxi", 4, 3, "西安", "Xi'an", "029"),
    Province("shanxi", "山西", "山西省", "Shanxi", 5, 3, "太原", "Taiyuan", "0351"),
    Province("hebei", "河北", "河北省", "Hebei", 6, 3, "石家庄", "Shijiazhuang", "0311"),
    Province("shandong", "山东", "山东省", "Shandong", 7, 3, "济南", "Jinan", "0531"),
    Province("tibet", "西藏", "西藏自治区", "Tibet", 1, 4, "拉萨", "Lhasa", "0891"),
    Province("sichuan", "四川", "四川省", "Sichuan", 3, 4, "成都", "Chengdu", "028"),
    Province("chongqing", "重庆", "重庆市", "Chongqing", 4, 4, "重庆", "Chongqing", "023"),
    Province("henan", "河南", "河南省", "Henan", 5, 4, "郑州", "Zhengzhou", "0371"),
    Province("anhui", "安徽", "安徽省", "Anhui", 6, 4, "合肥", "Hefei", "0551"),
    Province("jiangsu", "江苏", "江苏省", "Jiangsu", 7, 4, "南京", "Nanjing", "025"),
    Province("shanghai", "上海", "上海市", "Shanghai", 8, 4, "上海", "Shanghai", "021"),
    Province("yunnan", "云南", "云南省", "Yunnan", 3, 5, "昆明", "Kunming", "0871"),
    Province("guizhou", "贵州", "贵州省", "Guizhou", 4, 5, "贵阳", "Guiyang", "0851"),
    Province("hubei", "湖北", "湖北省", "Hubei", 5, 5, "武汉", "Wuhan", "027"),
    Province("jiangxi", "江西", "江西省", "Jiangxi", 6, 5, "南昌", "Nanchang", "0791"),
    Province("zhejiang", "浙江", "浙江省", "Zhejiang", 7, 5, "杭州", "Hangzhou", "0571"),
    Province("guangxi", "广西", "广西壮族自治区", "Guangxi", 4, 6, "南宁", "Nanning", "0771"),
    Province("hunan", "湖南", "湖南省", "Hunan", 5, 6, "长沙", "Changsha", "0731"),
    Province("guangdong", "广东", "广东省", "Guangdong", 6, 6, "广州", "Guangzhou", "020"),
    Province("fujian", "福建", "福建省", "Fujian", 7, 6, "福州", "Fuzhou", "0591"),
    Province("hainan", "海南", "海南省", "Hainan", 5, 7, "海口", "Haikou", "0898"),
)

_BY_NAME = {name: p for p in PROVINCES for name in (p.code, p.zh, p.zh_full)}


def province(name: str) -> Province | None:
    """A province by its code or its Chinese name (short or full), e.g. 'guangdong', '广东', '广东省'."""
    return _BY_NAME.get(name.strip())
