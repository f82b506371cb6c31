namespace ChatCoach.Testing;

/// <summary>
/// The Chinese conversation each platform's end-to-end test walks (issue 14: question, routine, Done, streak,
/// subscribe and the scheduled post): what the person says and what the replies must say. One script, so the
/// Telegram, Discord and console tests hold the platforms to the same words.
/// </summary>
public static class ChineseConversation
{
    /// <summary>Monday 2 March 2026, 07:00 UTC: the walk's start on every platform's fake clock.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 7, 0, 0, TimeSpan.Zero);

    /// <summary>A question as a Chinese runner writes it; the answer is about pain on the outside of the knee.</summary>
    public const string Question = "膝盖外侧疼，下楼梯更明显怎么办";

    /// <summary>What the answer to <see cref="Question"/> talks about: the iliotibial band, by the name Chinese runners use.</summary>
    public const string AnswerTopic = "髂胫束";

    public const string Source = "来源：";

    public const string MedicalNotice = "以上是一般性信息，不是医疗建议";

    public const string HelpTitle = "ChatCoach — 帮助";

    public const string HelpDoneLine = "/done — 打卡今天的练习，延续连续天数";

    /// <summary>The title of the start day's routine with the hips focus.</summary>
    public const string HipsRoutineTitle = "3月2日 星期一 的练习 · 髋部";

    /// <summary>The start day's routine, as the daily post's title begins.</summary>
    public const string RoutineTitle = "3月2日 星期一 的练习";

    /// <summary>The full routine's form cue heading (the compact form in groups leaves it out).</summary>
    public const string FormHeading = "要点：";

    public const string DoneButton = "完成 ✅";

    public const string HowToButton = "怎么做 📋";

    public const string DayOne = "第 1 天 🔥";

    public const string StreakDayOne = "当前连续：1 天 🔥";

    /// <summary>The daily post's closing line in a direct chat.</summary>
    public const string PostPrompt = "做完了吗？点“完成”";

    /// <summary>The compact post's closing line in a group or channel.</summary>
    public const string CompactPostPrompt = "做完了？点“完成”。";

    /// <summary>The reply to <c>/subscribe HH:MM</c> with the balanced routine.</summary>
    public static string Subscribed(string time) => $"订阅成功：每天 {time} 在这里发送一套均衡的练习。";
}
