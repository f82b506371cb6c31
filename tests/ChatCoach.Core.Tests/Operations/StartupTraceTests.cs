using ChatCoach.Core.Operations;

namespace ChatCoach.Core.Tests.Operations;

public sealed class StartupTraceTests
{
    [Fact]
    public void Mark_WritesOneLineWithTimeCpuAndMemory_WhenOn_AndNothingWhenOff()
    {
        var on = new StringWriter();
        var off = new StringWriter();
        try
        {
            StartupTrace.WriteTo(on);
            Assert.True(StartupTrace.Enabled);
            StartupTrace.Mark("engine built");

            StartupTrace.WriteTo(null);
            Assert.False(StartupTrace.Enabled);
            StartupTrace.Mark("not written");
        }
        finally
        {
            StartupTrace.WriteTo(null);
        }

        var line = Assert.Single(on.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("startup-trace:", line, StringComparison.Ordinal);
        Assert.Contains(" ms, cpu ", line, StringComparison.Ordinal);
        Assert.Contains("rss", line, StringComparison.Ordinal);
        Assert.Contains("managed heap", line, StringComparison.Ordinal);
        Assert.EndsWith(": engine built", line, StringComparison.Ordinal);
        Assert.DoesNotContain("not written", on.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void AfterStartUp_RunsAFullBlockingCollection()
    {
        var before = GC.CollectionCount(GC.MaxGeneration);
        MemoryTrim.AfterStartUp();
        Assert.True(GC.CollectionCount(GC.MaxGeneration) > before);
    }
}
