using System.Text.RegularExpressions;

namespace ChatCoach.Core.Advice.Chinese;

/// <summary>
/// The safety screen for Chinese messages, on the normalised (Simplified, lower-case) text. A rule is a set of
/// conditions that must all hold, either inside one sentence (split at 。！？；, a newline or a full stop that is not
/// a decimal point) or anywhere in the message; a condition is a regular expression whose match does not count when
/// a negation (不, 没, 无, 未, 别, with up to three softeners such as 有, 太, 是, 很 between) stands just before it, and
/// a rule may name words that cancel it in its scope (a watch that 卡住, legs 累得站不起来 after a race, toes that stop
/// tingling once the laces are loosened). When in doubt it fires, as in English: a needless "get it checked" costs
/// less than a missed clot. Every rule is listed in docs/advice-engine.md and tested in ChineseRedFlagsTests.
/// </summary>
internal static partial class ChineseRedFlags
{
    // 膑骨 is the common miswriting of 髌骨 (zh-test8).
    private const string Knee = "(?:膝|波棱盖|波罗盖|髌骨|膑骨|半月板|韧带)";
    private const string Swelling = "肿(?!瘤)";
    private const string Fever = @"发烧|高烧|低烧|寒战|打寒颤|打冷战|打冷颤|打摆子|发冷|畏寒|3[89](?:\.\d)?度|3[89]\.\d|40度";
    // Heat told by touch or against the other knee too ("摸上去比另一边热好多").
    private const string Heat = "烫|发热|热热的|热乎乎|很热|摸(?:着|起来|上去)[^，,不没]{0,8}热|比另一[边侧条只个][^，,不没]{0,4}热";
    private const string Child =
        @"儿子|女儿|孩子|小孩|娃|闺女|小朋友|青少年|初中|高中|中学生|小学生|(?<!\d)(?:[5-9]|1[0-7])岁|[五六七八九]岁|十[一二三四五六七]?岁";

    // A calf that is swollen or thicker: also told against the other leg ("还比另一边粗", "一粗一细").
    private const string CalfSwelling = "肿(?!瘤)|粗了|粗一圈|变粗|又粗|一粗一细|比[^，,。]{0,6}粗";

    // Lying or sitting still for long: bed rest, a hospital stay, a cast, a long flight or ride, surgery.
    private const string Immobile = "卧床|躺了|住院|病床|打石膏|久坐|飞机|长途|坐车|坐了.{0,6}小时|手术";

    // A rash, and its spreading, told in either order ("红斑越来越大", "一圈一圈往外扩的红疹").
    private const string Rash = "红圈|红斑|红疹|疹子|皮疹|靶子一样的红|靶形";
    // Growth told day by day counts too ("一天比一天大", zh-test7).
    private const string Growing = "一(?:天|日|周|个?星期)比一(?:天|日|周|个?星期)大|越长越大";
    private const string Growth = "扩大|越来越大|扩散|变大|越扩越大|往外扩|向外扩|蔓延|" + Growing;

    // Told before the rash, a bare 外扩 or 一圈一圈 also says it spreads ("一圈一圈往外扩的红疹").
    private const string Spread = Growth + "|外扩|一圈一圈|一圈圈";

    // A tick named as absent ("没有蜱虫", "没被蜱虫咬", "没发现蜱虫") is no tick bite.
    private const string NotFound = "(?<!(?:没|未|没有)(?:被|发现|看到|见到|找到|查到|查出|检查出))";

    // A joint (or the knee) told as painful or swollen, in either order ("关节有点疼", "膝盖胀痛", "疼的是关节"); a
    // negation before the sign keeps it ordinary ("关节不疼").
    private const string SorePart =
        "(?:关节|" + Knee + ")[^，,。！？]{0,4}" + "(?<![不没无未别莫][有太怎么明显是很会算大也再还并点用起长出]{0,3})(?:疼|痛|肿|胀)" +
        "|" + NotNegated + "(?:疼|痛|肿|胀)(?:的)?(?:是)?(?:关节|" + Knee + ")";

    // A lump: not 包 in 背包, 红包, 面包, 包括 or 包扎.
    private const string LumpWord =
        "包块|肿块|疙瘩|硬结|硬块|鼓包|结节|肿物|囊肿|粉瘤|瘤|凸起|鼓起|突起|一坨|肉球|长了(?:一)?个?(?:东西|包|疙瘩|硬块)" +
        "|(?<![背书钱红面腰水手挎荷打承钱])包(?![括含装裹扎住车月场容子邮袱])";

    // Growth. "大了" not inside "长大了" or "变大了", where a negation before the verb must still count.
    private const string LumpGrowth =
        "越来越大|越长越大|越变越大|变大|变得?更大|长大|增大|见长|(?<![长变])大了|大一点|在长|一直长|长得(?:很|挺|特别|越来越)?快" +
        "|一(天|周|个?星期|个?礼拜|个?月|年)比一\\1大|比(?:以前|之前|上个?月|上周|上次|原来|刚开始|当初|开始|去年)[^，,]{0,4}大" +
        "|从.{0,6}大.{0,4}(?:变成|长成|长到|变到).{0,6}大|(?:以前|之前|当时|原来|刚开始|还是|才|只有|刚).{0,6}大.{0,12}(?:现在|如今|已经).{0,6}大" +
        "|(?:豆|米粒|花生|指甲盖|硬币|枣|核桃|蛋|葡萄|乒乓球|拇指|樱桃|弹珠|杏|李子)[^。]{0,16}(?:现在|如今|已经)[^。]{0,8}(?:豆|米粒|花生|指甲盖|硬币|枣|核桃|蛋|葡萄|乒乓球|拇指|樱桃|弹珠|杏|李子)";

    // Moving only with support: "走三步就得扶墙", "不扶着东西站不住", "拄拐", "只能单腿跳", "被人扶着", "一瘸一拐走不了几步".
    private const string Support =
        $"(?:得|要|只能|必须|全靠|靠|非得|就得)扶(?:着)?{Held}" +
        $"|不扶(?:着)?(?:{Held}|点什么)?[^，,。]{{0,3}}(?:就)?(?:走不了|站不住|站不稳|走不动|站不起来|没法走|不能走)" +
        $"|扶(?:着)?{Held}[^，,]{{0,3}}(?:才|走|挪|站|蹭|一点点)" +
        "|拄(?:着|了)?(?:个)?(?:拐|拐杖|双拐|手杖|棍)|(?:拐杖|双拐)(?:才|走|撑)" +
        "|(?:只能|才能|就)单(?:腿|脚)(?:跳|蹦)|单(?:腿|脚)(?:跳|蹦)(?:着|了)?(?:回|走|去|到|进|上|下|挪)" +
        "|(?:被|让|要|靠|叫)(?:人|别人|朋友|队友|同伴|跑友|家人|老公|老婆|爸|妈|同事|同学)扶|(?:人|朋友|队友|同伴|跑友|家人)扶着(?:才|走|回|挪)|(?:被|让)[^，,]{0,4}架(?:着|出|回|走)" +
        "|走不了几步|走不了两步|(?:走|迈)(?:了)?(?:一|两|三|几|一两|两三)步就(?:疼|痛)得(?:不行|受不了|要命|走不了)|(?:疼|痛)得(?:下不了地|不能走|没法走|站不起来)|下不了地|下不来床|没法下地" +
        "|一步(?:也|都)迈不|(?:不能|不敢|没法)落地|落不了地|不敢走路|不敢走(?=[，,。！？!?]|$)|全靠(?:另一条|一条|左|右)腿|只能用(?:一条|另一条|左|右|好的那条)腿";

    // What is held for support; not the wall-supported exercises that follow it (扶墙提踵, 扶着墙踮脚, 扶墙拉伸).
    private const string Held = "(?:墙|东西|桌子|栏杆|扶手|家具|椅子|床|门框|人)(?![^，,。]{0,4}(?:提踵|踮|拉伸|压腿|做|练|单腿站))";

    // The most specific rules first, so that the reply names what the person described.
    private static readonly Rule[] Rules =
    [
        // Redness, heat or fever after knee surgery.
        Rule.Message(RedFlagTriage.PostSurgery, "post-surgery",
            ["手术|术后|重建|缝针|缝线|切口|刀口|拆线|关节镜|置换|开刀|缝了",
             Neg("发烧|发烫|烫|发热|流脓|化脓|流黄水|渗液|流水|红肿|越来越红|红得|红红的|高烧|低烧")],
            unless: "热敷|热身"),

        // The knee locks or catches, or won't straighten.
        Rule.Sentence(RedFlagTriage.Locking, "catch", [$"{Knee}[^，,]{{0,8}}?" + Neg("卡住|卡死|卡了一下|卡一下|卡得|卡着|卡在|锁住|锁死|交锁|卡壳")],
            unless: "手表|手机|电脑|屏幕|app|软件|系统|拉链|表盘|网"),
        Rule.Sentence(RedFlagTriage.Locking, "straighten", [Neg("伸不直|伸不开|直不起来|打不直|伸直不了|没法伸直|不能伸直|无法伸直|伸不了直|弯着动不了")]),

        // A twist or pop, or giving way, with swelling.
        Rule.Sentence(RedFlagTriage.PopSwelling, "twist-swelling", ["扭|崴|拧|啪|咔|嘎嘣|pop|一声|别了一下|错了一下", Neg(Swelling), Knee]),
        Rule.Message(RedFlagTriage.PopSwelling, "giving-way-swelling",
            [Neg("打软腿|软腿|打软|软了一下|往下掉|站不稳|腿一软|使不上劲|膝盖一软|又肿又软|发软|松松垮垮"), Neg(Swelling), Knee]),

        // Can't bear weight (not "too tired to stand" after a race).
        Rule.Sentence(RedFlagTriage.NoWeight, "no-weight",
            [Neg("不敢着地|不能着地|着不了地|没法着地|无法着地|沾不了地|不能负重|无法负重|不敢(?:用力|使劲|吃力)?踩|踩不了地|不能踩地|走不了路|走不了(?=[，,。！？!?]|$)|没法走路|不能走路|无法走路|站都站不住|站不住|一步都走不了|单脚跳(?:着)?回|蹦回|拖着腿走|没法踩地|没办法踩地|无法踩地|踩不下去|不敢沾地|一沾地就(?:疼|痛)|沾地就(?:钻心|剧)|(?:腿|膝)[^，,]{0,4}撑不住|扶着?(?:墙|桌子|栏杆|扶手|家具)[^，,]{0,3}(?:才|走|挪)|(?:只能|才能?|就)走(?:了)?(?:两三|一两|两|三|几)步|爬着(?:去|走|进|到)|挪不动" +
                // Walking or standing only with support, by class: a wall or furniture, crutches, hopping on one
                // leg, another person; not the wall-supported exercises (扶墙提踵, 扶着墙踮脚), ruled out below.
                $"|{Support}")],
            unless: "累得|累到|酸得|酸到|累瘫|要断了|困得|紧张得|吓得|笑得|练腿|腿日|练完腿|练了腿"),

        // A hot, red, swollen joint, or a fever with the knee.
        Rule.Sentence(RedFlagTriage.HotRed, "red-swollen", [Neg("红肿|红热肿|又红又肿|又肿又红|肿得发亮|肿得发红|肿[^，,]{0,6}(?:发红|红红的|通红|变红了)|肿得很大.{0,8}(?:发红|通红|红红的)")]),
        Rule.Sentence(RedFlagTriage.HotRed, "hot-swollen", [Neg(Swelling), Neg(Heat)], unless: "热敷|热身|敷热"),
        Rule.Message(RedFlagTriage.HotRed, "knee-fever", [Knee, Neg(Fever)], unless: "感冒|流感|新冠|嗓子"),
        // A knee red and hot together without the word swelling ("膝盖又红又热"), and a fever told as a temperature.
        Rule.Sentence(RedFlagTriage.HotRed, "red-hot", [Knee, Neg("又红又热|又红又烫|又烫又红|又热又红|发红发热|发红发烫|红热|红烫|又红又发烫|又红又发热")],
            unless: "热敷|热身|敷热|脸|晒"),
        Rule.Message(RedFlagTriage.HotRed, "knee-temperature", [Knee, "体温[^，,。]{0,4}" + Neg("3[89]|40|升高|偏高|很高|高了")], unless: "感冒|流感|新冠|嗓子"),

        // Numbness or tingling in the leg or foot that stays.
        Rule.Sentence(RedFlagTriage.Numbness, "numb",
            [Neg("麻木|发麻|麻麻的|木木的|没知觉|没有知觉|失去知觉|失去感觉|麻痹|过电|触电|蚂蚁爬|麻了|一直麻|总是麻|老是麻|还是麻|还在麻"), "脚|腿|趾|膝|脚背|脚底|足",
             "一直|好几天|几天|\\d+天|[一二三四五六七八九十两]天|不消|不退|没用|不见好|还是麻|几周|一周|星期|礼拜|还没好|持续|总是|老是|好久|没缓解"],
            unless: "脑子|脑袋|头脑|手指|手麻|嘴|冰敷|冰袋|敷冰|坐麻|蹲麻|压麻|鞋带.{0,8}(?:就好|就没事|就恢复|好了|缓解|消失|就不麻)"),

        // Calf swelling with pain, warmth or a long sit: a possible clot.
        // A companion symptom named as absent ("小腿有点肿，不疼不热") does not count; calves grown by training are not swollen.
        Rule.Sentence(RedFlagTriage.CalfClot, "calf", ["小腿|腿肚|腓肠肌", Neg(CalfSwelling), Neg("疼|痛|热|烫|硬|抽筋")],
            unless: "练粗|练得.{0,3}粗|越练越粗|肌肉.{0,4}粗|粗壮"),
        // A tense, warm calf after lying or sitting still: 胀 with heat or hardness, not the everyday 跑完小腿胀.
        Rule.Message(RedFlagTriage.CalfClot, "calf-immobile-tense", ["小腿|腿肚", Neg("胀"), Neg("热|烫|发硬|硬邦邦"), Immobile]),
        Rule.Message(RedFlagTriage.CalfClot, "calf-immobile", ["小腿|腿肚", Neg(CalfSwelling), Immobile], unless: "练粗|练得.{0,3}粗|越练越粗|肌肉.{0,4}粗|粗壮"),

        // The knee looks deformed after a fall.
        Rule.Sentence(RedFlagTriage.Deformity, "deformed",
            [$"(?:膝|髌骨|膑骨|腿|波棱盖)[^，,]{{0,4}}?" + Neg("变形|畸形|错位|移位|脱位|歪了|歪到|跑到旁边|跑偏了|凸出来一块|鼓出一块|形状变了|变了形|鼓出来一块|歪歪的")],
            unless: "动作|姿势|跑姿|姿态|鞋|o型|x型|内扣|外翻"),
        Rule.Message(RedFlagTriage.Deformity, "looks-wrong-after-fall", [$"{Knee}[^，,]{{0,5}}?(?:不对劲|形状不对|样子不对|不一样)", "摔|跌|绊倒|滑倒|撞|砸"]),

        // A direct blow with marked swelling or a big bruise.
        // "A little swollen" cancels it only next to the swelling: "防护好一点" elsewhere in the sentence does not.
        Rule.Sentence(RedFlagTriage.DirectBlow, "blow",
            // Who or what hit the knee counts as the blow too ("被人用膝盖顶到我髌骨上").
            // Struck by something swung or thrown (枪托甩到我髌骨上, zh-test8): 甩到, 击中, 抽到, and 打到/打在 only with the knee
            // after it (打到车 is a taxi).
            ["磕|撞|踹|踢到|被踢|砸|摔在|跪在|跪到|跪地|铲|顶到|顶了一下|被[^，,]{0,8}(?:顶|撞|踢|磕|砸|铲)|甩到|击中|抽到|(?:打|甩|抽)(?:到|在)[^，,]{0,3}" + Knee, Neg("肿得|肿成|很肿|肿起|肿了|又肿又大|青紫|淤青|瘀青|青一块|紫一块|青了|紫了|淤了|瘀了|淤血|瘀血|乌青")],
            unless: "(?:有点|有些|一点点?|稍微|轻微|微微)[^，,]{0,3}(?:肿|青|紫|淤|瘀)|小块"),

        // Night pain with weight loss, fever or feeling unwell.
        Rule.Message(RedFlagTriage.NightPain, "night-systemic",
            ["夜|半夜|晚上|凌晨|睡觉|睡着|疼醒|痛醒", "疼|痛",
             // Weight told as lost by an amount, however far from 体重 (体重还莫名其妙掉了四五公斤), and sweats told as 虚汗 (zh-test8).
             Neg("盗汗|虚汗|低烧|发烧|体重.{0,8}(?:掉|降|减|轻)|掉了[一二两三四五六七八九十几\\d]+[^，,]{0,2}(?:公斤|斤|kg)|掉秤|消瘦|瘦了|裤子.{0,4}松|没胃口|没食欲|乏力|浑身没劲") + "|没精神|精神(?:很|也|特别)?(?:差|不好)|胃口(?:也|很|特别|一直)?(?:差|不好)|吃不下饭|没力气"],
            // Weight lost on purpose explains it; "没刻意减肥" (not dieting) does not.
            unless: "(?<![没不未][有在]?(?:刻意|故意|特意|专门|主动|在)?)(?:减肥|减重|减脂|瘦身|控制体重)|感冒|流感"),

        // A lump that keeps growing, in the words runners use for a lump (包块, 疙瘩, 硬结, 鼓包, 长了个东西…) and for
        // growth (越来越大, 一个月比一个月大, 比之前大, 一直在长…); "没有变大", "没再长" and "不痛不长" stay ordinary.
        Rule.Sentence(RedFlagTriage.GrowingLump, "lump", [LumpWord, Neg(LumpGrowth)],
            unless: "没变|没长|没再长|不再长|没在长|不长了|停止.{0,2}长|一样大|还是那么大|没有变大|变小|小了|消了"),

        // A child or teenager with a limp, or hip, groin or thigh pain.
        // A limp or pain named as absent ("不疼也不瘸", "没有一瘸一拐", "胯不疼") does not count.
        Rule.Message(RedFlagTriage.ChildLimp, "child-limp", [Child, Neg("一瘸一拐|一跛一跛|(?<!一)瘸|(?<!一)跛|一拐一拐|拐着走|拖着腿|高低脚|踮着走")]),
        Rule.Message(RedFlagTriage.ChildLimp, "child-hip", [Child, "(?:大腿根|腹股沟|髋|胯)[^，,]{0,4}" + Neg("疼|痛")]),

        // Dark urine after extreme exertion.
        Rule.Sentence(RedFlagTriage.DarkUrine, "dark-urine",
            // A colour named as absent ("尿不是可乐色", "没有血尿") does not count.
            ["(?:尿|小便)[^，,]{0,10}" + Neg("酱油|可乐|茶色|深色|褐色|咖啡色|浓茶|暗红|发黑|很黑|黑色|红色|棕色") + "|" + Neg("(?:酱油|可乐|浓茶|茶|咖啡|褐|棕)色[^，,]{0,3}(?:的)?(?:尿|小便)|血尿")]),

        // A tick bite or a spreading rash, then a swollen joint. After a tick, a rash or a joint that is swollen or
        // painful (关节肿了, 膝盖疼, 疼的是关节); a joint merely named (关节没事, 问问关节要不要紧, advice10-zh) is not a sign.
        Rule.Message(RedFlagTriage.TickRash, "tick", [NotFound + Neg("蜱|草爬子|壁虱|狗豆子"), Neg("红疹|红圈|红斑|疹|肿") + "|" + SorePart]),
        Rule.Message(RedFlagTriage.TickRash, "spreading-rash",
            [$"(?:{Rash}|环形|圈)[^。！？]{{0,12}}?" + Neg(Growth) + $"|{Neg(Spread)}[^，,。]{{0,8}}(?:{Rash})", Neg(Swelling)]),

    ];

    /// <summary>Every rule id, for tests and docs.</summary>
    public static IEnumerable<string> RuleIds => Rules.Select(r => r.Id);

    /// <summary>The first rule that fires on the normalised text, or null.</summary>
    public static RedFlagMatch? Screen(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        var sentences = SentenceBreak().Split(normalized).Where(s => s.Length > 0).ToArray();
        foreach (var rule in Rules)
        {
            if (rule.WholeMessage ? rule.Holds(normalized) : sentences.Any(rule.Holds))
            {
                return new RedFlagMatch(rule.Flag, "zh:" + rule.Id);
            }
        }

        return null;
    }

    /// <summary>Alternatives that do not count when a negation stands just before them.</summary>
    // A sign word is negated by 不/没/无… up to three fillers before it, among them the verbs of appearing (没起疹子,
    // 没长包, 没出血: zh-test7's "拔了蜱虫，没起疹子" was a false alarm).
    private static string Neg(string alternatives) => $"{NotNegated}(?:{alternatives})";

    // No negation (不/没/无/未/别/莫) with up to three fillers just before.
    private const string NotNegated = "(?<![不没无未别莫][有太怎么明显是很会算大也再还并点用起长出]{0,3})";

    [GeneratedRegex(@"[。！？!?；;\n…]+|(?<!\d)\.|\.(?!\d)")]
    private static partial Regex SentenceBreak();

    private sealed record Rule(RedFlag Flag, string Id, Regex[] Conditions, Regex? Unless, bool WholeMessage)
    {
        public static Rule Sentence(RedFlag flag, string id, string[] conditions, string? unless = null) =>
            new(flag, id, [.. conditions.Select(Compile)], unless is null ? null : Compile(unless), false);

        public static Rule Message(RedFlag flag, string id, string[] conditions, string? unless = null) =>
            new(flag, id, [.. conditions.Select(Compile)], unless is null ? null : Compile(unless), true);

        public bool Holds(string text) => Conditions.All(c => c.IsMatch(text)) && Unless?.IsMatch(text) != true;

        private static Regex Compile(string pattern) =>
            new(pattern, RegexOptions.CultureInvariant | RegexOptions.Compiled, TimeSpan.FromSeconds(1));
    }
}
