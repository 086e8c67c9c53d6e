"""姓氏笔画 and pinyin ordering of personal names, against hand-checked stroke data."""

from event.collation import (
    sort_by_name,
    sort_names,
    stroke_count,
    stroke_key,
    stroke_sequence,
    unit_key,
)


def test_stroke_sequence_two_stroke_surnames_match_the_hand_check():
    # 丁 一亅 (竖钩 counts as 竖), 卜 丨丶, 刁 乛㇀ (横折钩, 提 counts as 横)
    assert [stroke_sequence(c) for c in "丁卜刁"] == ["12", "24", "51"]


def test_stroke_sequence_five_strokes_with_ti_in_second_place():
    assert stroke_sequence("冯") == "41551"  # 冫 is 点 then 提 (横)


def test_stroke_count_for_a_character_known_only_by_its_count():
    assert stroke_sequence("龘") is None
    assert stroke_count("龘") == 48


def test_sort_names_two_strokes_by_first_stroke():
    assert sort_names(["刁", "卜", "丁"]) == ["丁", "卜", "刁"]


def test_sort_names_same_count_wang_before_mao():
    # both 4 strokes: 王 starts with 横, 毛 with 撇
    assert sort_names(["毛泽东", "王进喜"]) == ["王进喜", "毛泽东"]


def test_sort_names_three_stroke_surnames_in_print_order():
    assert sort_names(list("马卫千山上万于")) == list("于万上山千卫马")


def test_sort_names_five_stroke_surnames_by_stroke_order():
    assert sort_names(list("司冯包白史田叶石")) == list("石叶田史白包冯司")


def test_sort_names_surname_convention_puts_tian_fu_before_tian_dali():
    assert sort_names(["田大利", "田富"]) == ["田富", "田大利"]


def test_stroke_key_name_convention_puts_tian_dali_first():
    names = ["田富", "田大利"]
    assert sorted(names, key=lambda n: stroke_key(n, surname_convention=False)) == [
        "田大利",
        "田富",
    ]


def test_sort_names_name_strokes_reproduces_a_published_list():
    # 二十届中央政治局委员（按姓氏笔画为序）, published 2022-10-23: the 姓名笔画 system.
    published = [
        "丁薛祥",
        "习近平",
        "马兴瑞",
        "王沪宁",
        "王毅",
        "尹力",
        "石泰峰",
        "刘国中",
        "李干杰",
        "李书磊",
        "李希",
        "李鸿忠",
        "李强",
        "何卫东",
        "何立峰",
        "张又侠",
        "张国清",
        "陈文清",
        "陈吉宁",
        "陈敏尔",
        "赵乐际",
        "袁家军",
        "黄坤明",
        "蔡奇",
    ]
    assert sort_names(sorted(published), order="name_strokes") == published


def test_sort_names_surname_convention_moves_two_character_names_first():
    names = ["李干杰", "李书磊", "李希", "李鸿忠", "李强"]
    assert sort_names(names) == ["李希", "李强", "李干杰", "李书磊", "李鸿忠"]


def test_sort_names_fewer_strokes_first_before_next_character():
    assert sort_names(["张三丰", "王小明", "李四", "丁一"]) == ["丁一", "王小明", "李四", "张三丰"]


def test_sort_names_same_surname_stays_together():
    # 刚 6 strokes < 芳 7; both two-character names before 王一鸣
    assert sort_names(["王芳", "毛一", "王一鸣", "王刚"]) == ["王刚", "王芳", "王一鸣", "毛一"]


def test_sort_names_compound_surname_character_by_character():
    assert sort_names(["欧阳修", "司马光", "上官婉儿", "诸葛亮"]) == [
        "上官婉儿",
        "司马光",
        "欧阳修",
        "诸葛亮",
    ]


def test_sort_names_ignores_spaces_used_for_alignment():
    assert sort_names(["王　芳", "丁 一"]) == ["丁 一", "王　芳"]


def test_sort_names_unknown_characters_after_known_by_code_point():
    names = ["Smith", "王芳", "\U00020000明", "Adams", "丁一"]
    assert sort_names(names) == ["丁一", "王芳", "Adams", "Smith", "\U00020000明"]


def test_sort_names_count_only_character_after_sequenced_of_same_count():
    # 龘 (48 strokes, no sequence) still sorts by its count among known characters
    assert sort_names(["龘", "王", "𠀀"]) == ["王", "龘", "𠀀"]


def test_sort_names_pinyin_order_with_surname_readings():
    names = ["张三", "曾国", "王芳", "单雄", "李四", "欧阳修"]
    assert sort_names(names, order="pinyin") == ["李四", "欧阳修", "单雄", "王芳", "曾国", "张三"]


def test_sort_names_pinyin_tone_then_strokes_break_ties():
    # 吕 lǚ (lv3) after 卢 lú; 刘 liú before 柳 liǔ
    assert sort_names(["吕布", "卢植", "柳宗元", "刘备"], order="pinyin") == [
        "刘备",
        "柳宗元",
        "卢植",
        "吕布",
    ]


def test_sort_by_name_orders_records_by_picked_name():
    people = [("田大利", 1), ("丁一", 2), ("田富", 3)]
    assert sort_by_name(people, lambda p: p[0]) == [("丁一", 2), ("田富", 3), ("田大利", 1)]


def test_unit_key_orders_units_without_the_name_padding():
    units = ["中车株洲电力机车有限公司", "一汽解放汽车有限公司", "三一重工股份有限公司"]
    assert sorted(units, key=unit_key) == [
        "一汽解放汽车有限公司",
        "三一重工股份有限公司",
        "中车株洲电力机车有限公司",
    ]
