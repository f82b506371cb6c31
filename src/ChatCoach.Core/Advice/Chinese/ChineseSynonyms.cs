namespace ChatCoach.Core.Advice.Chinese;

/// <summary>
/// Colloquial and regional words Chinese runners use, each with the standard words the entries are written in. The
/// standard words are added to the text (not substituted), so the colloquial word still counts where an entry uses it.
/// Applied to normalised (Simplified) text, entries and questions alike.
/// </summary>
internal static class ChineseSynonyms
{
    private static readonly (string Colloquial, string Standard)[] Pairs =
    [
        ("波棱盖", "膝盖"), ("波罗盖", "膝盖"), ("波拉盖", "膝盖"), ("磕膝盖", "膝盖"), ("膝头", "膝盖"), ("膝关节", "膝盖"),
        ("髌骨", "膝盖 髌骨"), ("膑骨", "髌骨"), ("跑步膝", "髌股 膝盖前侧 疼痛"), ("髌股", "膝盖前侧"),
        ("打软腿", "膝盖 无力 发软"), ("腿软", "无力"), ("使不上劲", "无力"),
        ("月跑量", "跑量"), ("周跑量", "跑量"), ("跑量", "跑量 里程"), ("加量", "增加 跑量"), ("拉距离", "长距离"),
        ("lsd", "长距离 慢跑"), ("pb", "成绩"), ("半马", "半程马拉松 比赛"), ("全马", "马拉松 比赛"), ("跑马", "马拉松"),
        ("拉筋", "拉伸"), ("压腿", "拉伸"), ("撸铁", "力量 训练"), ("练腿", "力量 训练"), ("举铁", "力量 训练"),
        ("泡沫轴", "泡沫轴 放松 按摩"), ("泡沫滚轴", "泡沫轴"), ("滚轴", "泡沫轴"), ("筋膜枪", "按摩 放松"), ("按摩枪", "按摩"),
        ("靠墙蹲", "靠墙静蹲"), ("静蹲", "靠墙静蹲"), ("马步", "靠墙静蹲"),
        ("蚌式", "臀中肌 蚌式开合"), ("蚌壳", "蚌式开合 臀中肌"), ("臀桥", "臀桥 臀部 力量"), ("侧抬腿", "臀中肌"),
        ("前掌", "前脚掌"), ("脚跟着地", "后跟着地"), ("脚后跟着地", "后跟着地"), ("跟着地", "后跟着地"), ("大步", "步幅"),
        ("步子", "步幅"), ("小碎步", "步频"), ("跨步", "步幅"),
        ("上楼梯", "楼梯 上楼"), ("下楼梯", "楼梯 下楼"), ("爬楼", "楼梯"), ("下山", "下坡"), ("爬坡", "上坡"),
        ("外侧", "外侧"), ("膝盖外面", "外侧"), ("膝盖旁边", "外侧"), ("膝盖里面", "内侧"),
        ("跑鞋", "跑鞋 鞋"), ("鞋垫", "鞋垫 足弓"), ("足弓塌", "扁平足"), ("平足", "扁平足"), ("内八", "内扣"),
        ("冰袋", "冰敷"), ("敷冰", "冰敷"), ("理疗师", "物理治疗师"), ("康复师", "物理治疗师"), ("骨科", "医生"),
        ("伸展", "拉伸"), ("灵活性", "灵活 拉伸"), ("不练腿", "力量 训练 腿部"), ("外八", "脚尖 朝外 中线"), ("内八字", "脚尖 朝内 中线"),
        ("热身", "热身 准备活动"), ("冷身", "放松 拉伸"), ("放松跑", "轻松跑"),
        // Bikes by their everyday names: cycling is an activity to test with care, not a stand-in for running.
        ("单车", "骑车 自行车"), ("坐垫", "座椅"), ("车座", "座椅"),
        // "是个啥" asks what a thing is, as the entries' "是什么" questions do.
        ("是个啥", "是什么"), ("是啥", "是什么"),
        // advice9-zh: a rounded back told as the bent shape (form-upright-trunk's 驼背); shrugged shoulders; keeping fit
        // while not running (load-alternatives' 保持体能); hard sessions every time (causes-overuse's 强度课).
        ("弓着背", "驼背 身体前倾"), ("弓背", "驼背 身体前倾"), ("含胸", "驼背"), ("往前栽", "身体前倾 往前趴"),
        ("耸着", "耸肩"), ("肩膀耸", "耸肩"),
        ("保持体能", "保持体能 替代运动"), ("维持体能", "保持体能 替代运动"), ("保持状态", "保持体能"), ("维持有氧", "保持体能"),
        ("节奏跑", "强度课"), ("间歇", "强度课"), ("速度课", "强度课"), ("tempo", "强度课"),
        // advice10-zh: short questions in chat words: the side plank as 侧桥, the ankle as 脚脖子, a stretch as 拉 + where or
        // how, a week with no rest day.
        ("侧桥", "侧平板"), ("脚脖子", "脚踝"),
        ("全跑", "连续跑 休息日"), ("天天跑", "连续跑 休息日"),
        ("少跑", "替代 跑步"), ("代替跑", "替代 跑步"),
        // scope10-zh: covered exercises, stretches and self-care told in chat words: the side plank as 侧棒式/侧撑, the top of
        // the foot as 脚面, ice as 冰块, foam rolling as 滚 + how long, the IT band as ITB.
        ("侧棒式", "侧平板"), ("侧撑", "侧平板"), ("脚面", "脚背"), ("冰块", "冰敷"), ("滚多久", "泡沫轴 按摩"), ("滚几分钟", "泡沫轴 按摩"),
        ("itb", "髂胫束 膝盖外侧"), ("it band", "髂胫束 膝盖外侧"), ("knee", "膝盖"), ("foam roller", "泡沫轴"),
        // Load and form told short: coming back after an injury (伤好了), the trunk braced
        // (腹部, 收腹).
        ("伤好了", "伤后 恢复跑步"), ("腹部", "腰腹"), ("收腹", "腰腹 收紧"),
    ];

    /// <summary>The text with the standard words of every colloquial word it contains appended.</summary>
    public static string Expand(string normalized)
    {
        ArgumentNullException.ThrowIfNull(normalized);
        List<string>? added = null;
        foreach (var (colloquial, standard) in Pairs)
        {
            if (normalized.Contains(colloquial, StringComparison.Ordinal))
            {
                (added ??= []).Add(standard);
            }
        }

        return added is null ? normalized : normalized + "\n" + string.Join(' ', added);
    }
}
