using System.Text.RegularExpressions;

namespace ChatCoach.Core.Advice.Chinese;

/// <summary>Where a Chinese message belongs: the knee (advice), running or health but not the knee (adjacent), or neither.</summary>
internal static partial class ChineseScope
{
    /// <summary>The knee or the legs, or what ChatCoach's entries are about (form, strength, stretching, load, gear).</summary>
    [GeneratedRegex("膝|髌|半月板|韧带|髂胫束|臀中肌|臀|髋|股四头|腘绳|大腿|小腿|腿|跑姿|步频|步幅|着地|脚踝|跟腱|核心|前倾|扒地|下沉|腰|髋|伸展|灵活|肩膀|耸肩|摆臂|手臂|拳头|上身|上半身|驼背|弓背|弓着背|含胸|跑鞋|鞋垫|护膝|拉伸|力量训练|深蹲|静蹲|弓步|泡沫轴|热身|跑量|扁平足|足弓|内扣|楼梯|下坡|冰敷|髌股|平板|臀桥|蚌式|提踵|侧抬腿|青蛙趴|侧桥|脚脖子|拉(?:哪|什么|啥|几分钟|多久)|拉法|(?:一周|每周|一个礼拜)[^，,。！？]{0,4}[一二三四五六七几1-7]天|天天跑|每天都?跑|全跑|休息日|歇几天|(?:跑起来|跑得|跑步时?|跑的时候)[^，,。！？]{0,6}(?:放松|僵硬|紧绷)|放松(?:地|点|些)?跑|(?:浑身|全身)(?:僵硬|紧绷)|鞋带|鞋底|鞋码|鞋子|鞋太|缓震鞋|赤足鞋|越野鞋|稳定鞋|支撑鞋|后撤步|前弓身|弓身|体前屈|髋铰链|跪姿|侧棒式|侧撑|拉筋|压腿|脚背|脚面|冰块[^，,。！？]{0,8}(?:敷|按|贴|膝|腿|脚|盖)|冰袋|滚(?:多久|几分钟|多长时间|多大力|哪)|波棱盖|波罗盖|波拉盖|磕膝盖|膝头|itb|knee|it ?band|foam ?roller|停跑|(?:要不要|该不该|是不是|能不能|需不需要|用不用)[^，,。！？]{0,3}(?:先)?(?:别跑|不跑)|不跑了?[^，,。！？]{0,2}改|(?:伤好了?|伤后)[^。！？]{0,10}跑|复跑|恢复跑|(?:换|买|穿|选)[^，,。！？]{0,6}鞋|鞋[^，,。！？]{0,4}(?:怎么选|推荐|合适|能换|换成)|落差|跑[^。！？]{0,8}(?:腹部|收腹|腰腹|憋气)|(?:腹部|收腹|腰腹|憋气)[^。！？]{0,8}跑")]
    private static partial Regex KneeOrLegs();

    /// <summary>Running, training or health in general; also adjacent words that come with no running word (静脉曲张, 蜱,
    /// a gel eaten: 胶什么时候吃), so that they reach the adjacent check (advice10-zh).</summary>
    [GeneratedRegex("跑|马拉松|半马|全马|越野|训练|比赛|公里|健身|运动|疼|痛|酸|伤|医|病|身体|康复|理疗|休息|恢复|配速|心率|呼吸|肌肉|脚|鞋|备赛|睡眠|失眠|压缩袜|压缩裤|压缩腿套|压缩衣|肌效贴|肌内效贴|例假|月经|生理期|怀孕|静脉曲张|蜱|(?:吃|带|补)[^，,。！？]{0,3}胶(?!原|囊|水|带)|胶(?!原|囊|水|带)[^，,。！？]{0,5}吃|赛前|赛后|盐丸|电解质|能量|海拔|引体向上|俯卧撑|体测")]
    private static partial Regex RunningOrHealth();

    /// <summary>
    /// Running or health topics the entries don't cover, unless the knee is also in question. By class (advice9-zh): an
    /// Achilles that hurts or swells (a stiff one before a run is the heel-raise warm-up, an entry), a muscle strain, a
    /// sprained ankle, a pacing plan, compression gear, sleep, a sore heel told without 足底筋膜炎, cramp, the gut,
    /// fluids, the heart, periods and pregnancy, a sore shoulder, a fracture, supplements, swollen fingers, sunburn.
    /// advice10-zh: varicose veins (静脉曲张, 青筋), a tick bite (not one named as absent: 没有蜱虫), chafing (磨腿根,
    /// 大腿内侧磨), a sore shin (小腿前侧…疼, 迎面骨), an energy gel told short (胶什么时候吃, 吃胶), finding time to train
    /// (挤时间, 没时间练).
    /// scope10-zh: the shin bone told long (小腿正面骨头那条线…疼), a sore back (腰疼, 腰椎; not 腰酸, which comes with a brace or
    /// a bridge), an aching shoulder (肩膀酸), the groin (腹股沟, 大腿根…疼), numb toes not put down to the shoe or ice; food
    /// and salts (吃啥, 补能量, 赛前一晚), which watch to buy (哪个牌子靠谱), an animal's vet (兽医, 宠物医院) beside a run;
    /// from zh-test8 (spent): altitude (海拔, 高原, 高反), pull-ups and push-ups, a rash or itch not named as absent.
    /// </summary>
    [GeneratedRegex("水泡|起泡|能量胶|补给|吃什么|心率|哮喘|岔气|磨破|防磨|中暑|低血糖|头晕|胫骨|骨膜炎|足底筋膜|脚底|报名|中签|名额|app|悦跑圈|咕咚|strava|鼻子|嘴巴|用鼻|天黑|坚持|撞墙|破4|破三|配速应该|上坡要走|分配体力|减肥|饮食|营养|手腕|(?<!脚)脖子|感冒|趾甲|指甲|破四|破五|破3|破5|配速(?:怎么|如何|该|要|分配|安排|多少|定)|分配配速|(?:怎么|如何)(?:定|安排|分配)配速|全马配速|半马配速|赛前.{0,4}减量|减量期|新冠|阳了|阳康|跟腱[^。！？]{0,12}(?:疼|痛|肿|粗|发炎|炎|断)|(?:疼|痛|肿)[^。！？，,]{0,6}跟腱|跟腱炎|拉伤|撕裂伤|肌肉撕裂|(?:脚踝|脚脖子|踝关节|踝)[^。！？]{0,8}(?:扭|崴)(?:了|伤|到)|(?:扭|崴)(?:了|伤|到)(?:了)?(?:一下)?(?:脚踝|脚脖子|脚|踝)|崴脚了|崴了脚|扭伤了?脚|压缩袜|压缩裤|压缩腿套|压缩衣|压缩套|肌效贴|肌内效贴|睡眠|失眠|睡不着|睡几个?小时|睡多久|睡多少|睡够|(?:脚后跟|脚跟|足跟)[^。！？]{0,8}(?:疼|痛|刺痛|针扎|钉子|玻璃)|抽筋|拉肚子|腹泻|跑肚|补水|喝水|电解质|盐丸|心慌|心悸|胸口疼|胸痛|血压|月经|例假|生理期|经期|怀孕|孕期|产后|(?:肩膀|肩)[^。，,]{0,4}(?:疼|痛|酸)|肩周|骨折|肚子疼|肚子痛|胃疼|胃痛|蛋白粉|补剂|手指[^。，,]{0,2}(?:肿|胀)|手肿|晒伤|防晒|鼻血|头疼|头痛|咖啡因|静脉曲张|青筋|(?<!(?:没|没有|未|无)(?:被|发现|看到|见到|找到)?)(?:蜱|草爬子|壁虱)|磨(?:破|腿|裆|大腿|腋|乳头|腿根)|(?:腿根|大腿根|大腿内侧|裆|腋下|乳头)[^，,。！？]{0,4}磨|凡士林|(?:小腿前面|小腿前侧|小腿正面|迎面骨)[^。！？]{0,10}(?:疼|痛)|(?:吃|带|补)[^，,。！？]{0,3}胶(?!原|囊|水|带)|胶(?!原|囊|水|带)[^，,。！？]{0,5}吃|(?:挤|抽)出?时间(?:来)?(?:练跑|跑步|跑|训练|锻炼)|没时间(?:跑步|跑|训练|锻炼)|腰[^，,。！？]{0,2}(?:疼|痛)|腰椎|腰肌劳损|腹股沟|大腿根[^，,。！？]{0,4}(?:疼|痛)|^(?!.*(?:鞋[^，,。！？]{0,3}(?:太|不合|小了|窄|紧)|买鞋|挤脚|冰敷|冰袋)).*脚趾[^，,。！？]{0,6}麻|吃啥|吃点啥|补能量|补充能量|赛前一晚|(?:手表|手环|耳机|运动表)[^。！？]{0,20}(?:牌子|品牌|推荐|靠谱|买哪)|兽医|宠物医院|动物医院|海拔|高原|高反|引体向上|俯卧撑|(?<!没有?|没起|没长|无)(?:红疹|疹子|湿疹|荨麻疹)|过敏|发痒|痒得")]
    private static partial Regex AdjacentTopic();

    /// <summary>
    /// The knee named as fine ("膝盖倒是没事", "膝盖一点不疼"), or with its signs named as absent ("膝盖没肿也没卡住也没打软腿",
    /// advice10-zh), or named as not the question ("不是问膝盖", scope10-zh), so it is not the question.
    /// </summary>
    [GeneratedRegex("不是(?:问|说)?(?:膝盖|膝)(?:的问题)?|(?:膝盖|膝)(?:倒是|倒|都|也|是)?(?:一点儿?(?:都|也)?)?(?:没事|没问题|不疼|不痛|还好|好好的|(?:没有?|不)(?:肿|卡住|卡|打软腿|疼|痛)(?:(?:也没有?|也不|、|，|,|和)(?:肿|卡住|卡|打软腿|软腿|疼|痛|红|烫))*)")]
    private static partial Regex KneeFine();

    /// <summary>A watch, phone or app that froze or lost data, with no body word: a gadget question, not a running one.</summary>
    [GeneratedRegex("(?:手表|表盘|手环|手机|耳机|app|gps|佳明|华为|苹果|高驰)[^。！？]{0,16}(?:卡死|卡住|死机|没反应|黑屏|重启|连不上|不同步|没电|数据[^，,]{0,3}没)")]
    private static partial Regex DeviceFault();

    [GeneratedRegex("疼|痛|酸|伤|麻|肿|膝|腿|脚|心率")]
    private static partial Regex BodyWord();

    [GeneratedRegex("膝|髌|半月板|髂胫束|itb|it ?band|knee|波棱盖|波罗盖|波拉盖")]
    private static partial Regex KneeItself();

    public static bool IsAboutKneeOrLegs(string normalized) => KneeOrLegs().IsMatch(normalized);

    /// <summary>An animal's doctor (宠物医院, 兽医) is not the person's health.</summary>
    public static bool IsRunningOrHealth(string normalized) => RunningOrHealth().IsMatch(NotRunning().Replace(PetCare().Replace(normalized, " "), " "));

    /// <summary>跑 inside words about something else: parkour, an errand, going off topic (scope10-zh).</summary>
    [GeneratedRegex("跑酷|跑腿|跑题|跑偏")]
    private static partial Regex NotRunning();

    [GeneratedRegex("宠物医院|宠物店|兽医|动物医院")]
    private static partial Regex PetCare();

    /// <summary>A device that froze mid-run ("手表跑到一半卡死了"): 跑 is only where it happened.</summary>
    /// <summary>A running question asked alongside ("话说步频多少合适") makes it a running message again; the knee named as
    /// fine ("膝盖倒是没事", advice10-zh) is no body word.</summary>
    public static bool IsDeviceFault(string normalized) =>
        DeviceFault().IsMatch(normalized) && NoBodyWord(normalized) && !DeviceChoice().IsMatch(normalized);

    /// <summary>Which device to buy (哪个牌子靠谱) is a running-gear question beside the fault: adjacent, not unrelated (scope10-zh).</summary>
    [GeneratedRegex("牌子|品牌|推荐|靠谱|买哪")]
    private static partial Regex DeviceChoice();

    /// <summary>
    /// A chat line about the day rather than the body (advice10-zh): the weather tomorrow ("明天下不下雨啊我们要去公园跑步")
    /// or a meet-up ("今晚谁约跑"), with no body word and no entry word. 跑 there only says what the plan is; an uncovered
    /// running topic beside it ("明天热不热，要怎么补水") is still adjacent.
    /// </summary>
    public static bool IsChatLine(string normalized) =>
        ChatLine().IsMatch(normalized) && NoBodyWord(normalized) && !AdjacentTopic().IsMatch(normalized);

    [GeneratedRegex("(?:明天|今天|今晚|明晚|后天|周末|早上|明早|这周|下午)[^，,。！？!?]{0,6}(?:下不下雨|会不会下雨|下雨吗|有雨吗|有没有雨|天气(?:怎么样|如何|咋样|好不好|好吗)|多少度|几度|冷不冷|热不热|降温吗)|约跑|约个跑|(?:谁|有人|有没有人|哪位)[^，,。！？!?]{0,3}(?:一起跑|去跑|跑步吗)|组队跑|一起跑(?:吗|不|么|啊|呀)")]
    private static partial Regex ChatLine();

    private static bool NoBodyWord(string normalized)
    {
        var rest = KneeFine().Replace(normalized, " ");
        return !BodyWord().IsMatch(rest) && !KneeOrLegs().IsMatch(rest);
    }

    /// <summary>
    /// Legs gone weak from a feeling ("紧张得腿都软了", "听得我腿都软了", "吓得膝盖一软", "膝盖被老板气得发软") say nothing
    /// about the legs, nor does an animal's leg ("我家猫后腿肿了"): left out of the scope and retrieval (the safety
    /// screen has already read the whole message). Tiredness (累得) is not a feeling here.
    /// </summary>
    public static string WithoutFeelingIdioms(string normalized) => PetBody().Replace(FeelingIdiom().Replace(normalized, " "), " ");

    [GeneratedRegex("(?:紧张|听|吓|看|笑|激动|感动|馋|帅|美|甜|气)得[^，,。！？!?]{0,4}(?:腿|膝盖|膝)(?:都|也|一)?(?:发软|软)了?|(?:腿|膝盖)(?:都|也)?被[^，,。！？!?“”\"]{1,4}(?:紧张|吓|气|笑|感动)得(?:都|也|一)?(?:发软|软)了?")]
    private static partial Regex FeelingIdiom();

    /// <summary>An animal's leg or paw: 猫咪/狗狗/宠物 right before it, or 猫/狗 told as someone's (我家猫, 那只狗, 狗的) — not
    /// 遛狗腿疼, where the leg is the walker's (advice10-zh).</summary>
    [GeneratedRegex("(?:猫咪|狗狗|宠物|兔子|仓鼠|(?<=[家只条])(?:猫|狗)|(?:猫|狗)(?=的))(?:的)?(?:后腿|前腿|腿|爪子|爪|脚|膝盖)")]
    private static partial Regex PetBody();

    /// <summary>
    /// An uncovered running topic, with the knee not in question and no entry's own exercise or form term: an adjacent
    /// word beside one ("侧平板撑坚持不住", "报名费…跑步时身体要前倾还是直立") is not what the message asks.
    /// </summary>
    public static bool IsAdjacentTopic(string normalized) =>
        AdjacentTopic().IsMatch(normalized) && !KneeItself().IsMatch(KneeFine().Replace(normalized, " ")) && !EntryTerm().IsMatch(normalized);

    /// <summary>The exercises and form terms the entries are about.</summary>
    [GeneratedRegex("平板|臀桥|深蹲|静蹲|弓步|提踵|踮脚|蚌式|侧抬腿|青蛙趴|泡沫轴|跑姿|步频|步幅|前倾|直立|着地|护膝|髂胫束|臀中肌|送髋|摆臂|驼背|侧桥|后撤步|前弓身|体前屈|髋铰链|侧棒式")]
    private static partial Regex EntryTerm();

    /// <summary>Signs named as absent ("不肿、不卡") say what the question is not about: they are left out of retrieval.</summary>
    public static string WithoutNegatedSigns(string normalized) => NegatedSign().Replace(normalized, " ");

    [GeneratedRegex("(?:不|没有|没|无)(?:肿|卡住|卡|红|烫|疼|痛|打软腿|麻)(?:(?:或者|或是|或|和|跟|、|也不|也没有?|也没)(?:肿|卡住|卡|红|烫|疼|痛|打软腿|软腿|麻))*")]
    private static partial Regex NegatedSign();
}
