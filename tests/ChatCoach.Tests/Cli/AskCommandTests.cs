using System.Text.Json;
using ChatCoach.Tests.Fakes;

namespace ChatCoach.Tests.Cli;

/// <summary>The scripted forms run the real binary: <c>ask "question"</c> and <c>ask --jsonl</c>.</summary>
public sealed class AskCommandTests : IDisposable
{
    private readonly HostProcess _host = new();

    public void Dispose() => _host.Dispose();

    [Fact]
    public async Task Ask_KneeQuestion_PrintsAdviceWithSourceAndNoticeAndExitsZero()
    {
        var run = await _host.RunAsync("", "ask", "my knee hurts after running");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Source:", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("not medical advice", run.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("", run.StandardError);
    }

    [Fact]
    public async Task Ask_ChineseKneeQuestion_AnswersInChineseWithSourceAndNotice()
    {
        var run = await _host.RunAsync("", "ask", "膝盖外侧疼，下楼梯更明显怎么办");

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("膝盖外侧疼", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("来源：", run.StandardOutput, StringComparison.Ordinal);
        Assert.Contains("不是医疗建议", run.StandardOutput, StringComparison.Ordinal);
        Assert.Equal("", run.StandardError);
    }

    [Fact]
    public async Task AskJsonl_ChineseOuterKneeQuestion_TheOuterKneeEntryWithItsSource()
    {
        var run = await _host.RunAsync("膝盖外侧疼，下楼梯更明显怎么办\n", "ask", "--jsonl");

        Assert.Equal(0, run.ExitCode);
        var answer = JsonDocument.Parse(run.StandardOutput.Trim()).RootElement;
        Assert.Equal("advice", answer.GetProperty("kind").GetString());
        Assert.Equal("causes-outer-knee-pain", answer.GetProperty("entries")[0].GetString());
        var text = answer.GetProperty("text").GetString()!;
        Assert.Contains("髂胫束", text, StringComparison.Ordinal);
        Assert.Contains("来源：Runner's knee as a hip and foot alignment problem", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_NoQuestion_PrintsUsageAndExitsTwo()
    {
        var run = await _host.RunAsync("", "ask");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("usage:", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskJsonl_OneObjectPerInputLine_WithKindsAndEntries()
    {
        string[] questions =
        [
            "my knee hurts going down stairs after a run",
            "my knee locked and i cant straighten it after i twisted it",
            "whats a good recipe for banana bread",
            "",
            "😀😀😀",
            "how do i stop my \"knee\" <b>hurting</b> & aching?",
        ];

        var run = await _host.RunAsync(string.Join('\n', questions) + "\n", "ask", "--jsonl");

        Assert.Equal(0, run.ExitCode);
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(questions.Length, lines.Length);
        var answers = lines.Select(line => JsonDocument.Parse(line).RootElement).ToList();
        for (var i = 0; i < questions.Length; i++)
        {
            Assert.Equal(questions[i], answers[i].GetProperty("q").GetString());
            Assert.False(string.IsNullOrWhiteSpace(answers[i].GetProperty("text").GetString()));
            Assert.Equal(JsonValueKind.Array, answers[i].GetProperty("entries").ValueKind);
        }

        Assert.Equal("advice", answers[0].GetProperty("kind").GetString());
        Assert.NotEqual(0, answers[0].GetProperty("entries").GetArrayLength());
        Assert.Equal("urgent", answers[1].GetProperty("kind").GetString());
        Assert.Equal(0, answers[1].GetProperty("entries").GetArrayLength());
        Assert.StartsWith("red-flag rule ", answers[1].GetProperty("why").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("scope advice ", answers[0].GetProperty("why").GetString(), StringComparison.Ordinal);
        Assert.Equal("fallback", answers[2].GetProperty("kind").GetString());
        Assert.Equal("advice", answers[5].GetProperty("kind").GetString());
    }
}
