using System.Text.Json;
using ChatCoach.Tests.Fakes;

namespace ChatCoach.Tests.Reliability;

/// <summary>Hostile and unusual text through the built binary's console chat and <c>ask --jsonl</c>.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly HostProcess _host = new();

    public void Dispose() => _host.Dispose();

    [Theory]
    [InlineData("timezone UTC+١٢", "Your time zone is now UTC+12")] // Arabic-Indic digits
    [InlineData("timezone UTC+１２", "Your time zone is now UTC+12")] // full-width digits
    [InlineData("subscribe 7:３０", "every day at 07:30")]
    [InlineData("subscribe ٧:٣٠", "every day at 07:30")]
    public async Task Command_NonAsciiDigits_ReadAsTheirAsciiDigitsNoError(string command, string expected)
    {
        var run = await _host.RunAsync(command + "\n");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains(expected, run.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("That didn't work", run.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain("something went wrong", run.StandardOutput, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Exception", run.StandardError, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Command_DirectionOverride_NotEchoedBack()
    {
        var run = await _host.RunAsync("timezone \u202Eevil\u202C\u2066zone\u2069\n/\u202Efoo\n");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("\"evilzone\"", run.StandardOutput, StringComparison.Ordinal);
        Assert.DoesNotContain('\u202E', run.StandardOutput);
        Assert.DoesNotContain('\u2066', run.StandardOutput);
    }

    [Fact]
    public async Task TimeZone_EtcGmtPlusFive_AcceptedAndSaysItMeansUtcMinusFive()
    {
        var run = await _host.RunAsync("timezone Etc/GMT+5\n");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Etc/GMT+5 (that is UTC\u221205:00", run.StandardOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskJsonl_BareCarriageReturn_StaysInsideTheLine()
    {
        var run = await _host.RunAsync("knee pain\rafter running\nsecond question\r\nthird\n", "ask", "--jsonl");

        Assert.Equal(0, run.ExitCode);
        var lines = run.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        Assert.Equal("knee pain\rafter running", JsonDocument.Parse(lines[0]).RootElement.GetProperty("q").GetString());
        Assert.Equal("second question", JsonDocument.Parse(lines[1]).RootElement.GetProperty("q").GetString());
        Assert.Equal("third", JsonDocument.Parse(lines[2]).RootElement.GetProperty("q").GetString());
    }
}
