using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Storage.LiteDb;
using ChatCoach.Telegram.Receiving;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatCoach.Telegram.Tests.Options;

public sealed class TelegramOptionsTests
{
    private const string ValidToken = "123456789:AAH-valid_token_value_abcdefghij";

    [Theory]
    [InlineData("Telegram:ApiBaseUrl", "not a url", "Telegram:ApiBaseUrl must be an absolute http(s) URL")]
    [InlineData("Telegram:ApiBaseUrl", "ftp://example.org", "Telegram:ApiBaseUrl must be an absolute http(s) URL")]
    [InlineData("Telegram:ApiBaseUrl", "/relative", "Telegram:ApiBaseUrl must be an absolute http(s) URL")]
    [InlineData("Telegram:PollTimeout", "00:05:00", "Telegram:PollTimeout must be between 00:00:01 and 00:00:50")]
    [InlineData("Telegram:PollTimeout", "00:00:00.500", "Telegram:PollTimeout must be between 00:00:01 and 00:00:50")]
    [InlineData("Telegram:PerChatInterval", "-00:00:01", "Telegram:PerChatInterval must be a positive time span")]
    [InlineData("Telegram:MessagesPerSecond", "0", "Telegram:MessagesPerSecond must be between")]
    [InlineData("Telegram:MaxParallelUpdates", "0", "Telegram:MaxParallelUpdates must be between")]
    [InlineData("Telegram:GroupMessagesPerMinute", "-3", "Telegram:GroupMessagesPerMinute must be between")]
    [InlineData("Telegram:RateSafetyMargin", "00:00:05", "Telegram:RateSafetyMargin must be between")]
    [InlineData("Telegram:Token", "not-a-token", "Telegram:Token does not look like a BotFather token")]
    public void Validate_BadValue_FailsNamingTheKey(string key, string value, string expected)
    {
        using var host = Build(new() { ["Telegram:Token"] = ValidToken, [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<TelegramOptions>>().Value);

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("not-a-token", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Telegram:WebhookSecret", null, "Telegram:WebhookSecret is required in webhook mode: 1–256 characters of A-Z, a-z, 0-9, _ and -")]
    [InlineData("Telegram:WebhookSecret", "has spaces and $ecret", "Telegram:WebhookSecret is required in webhook mode")]
    [InlineData("Telegram:WebhookUrl", "http://bot.example.org/hook", "Telegram:WebhookUrl must be the public https:// URL")]
    [InlineData("Telegram:WebhookUrl", "https://bot.example.org:8080/hook", "on port 443, 80, 88 or 8443")]
    [InlineData("Telegram:WebhookListenUrl", "http://0.0.0.0:8443/path", "Telegram:WebhookListenUrl must be a local address with a port and no path")]
    [InlineData("Telegram:WebhookMaxConnections", "101", "Telegram:WebhookMaxConnections must be between 1 and 100")]
    public void Validate_WebhookModeBadValue_FailsWithOneLineNamingTheKeyNeverTheSecret(string key, string? value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Telegram:Token"] = ValidToken,
            ["Telegram:Mode"] = "Webhook",
            ["Telegram:WebhookUrl"] = "https://bot.example.org/telegram/hook",
            ["Telegram:WebhookListenUrl"] = "http://0.0.0.0:8443",
            ["Telegram:WebhookSecret"] = "s3cret_Value-1",
        };
        settings[key] = value;
        using var host = Build(settings);

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<TelegramOptions>>().Value);

        Assert.Single(error.Failures);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("$ecret", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Polling", "2", "0.2", "Telegram:ReplyShare applies to webhook mode only")]
    [InlineData("Webhook", "1", "0.2", "Telegram:ReplyShare needs Telegram:Instances")]
    [InlineData("Webhook", "3", "0.5", "Telegram:ReplyShare must leave every instance at least one message per second")]
    [InlineData("Webhook", "2", "0.01", "Telegram:ReplyShare must leave every instance at least one message per second")]
    [InlineData("Webhook", "2", "-0.1", "Telegram:ReplyShare must leave every instance at least one message per second")]
    public void Validate_ReplyShareThatCannotWork_FailsWithOneLine(string mode, string instances, string share, string expected)
    {
        using var host = Build(WebhookSettings(mode, instances, share));

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IOptions<TelegramOptions>>().Value);

        Assert.Single(error.Failures);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2", "0.2", 24, 6)]
    [InlineData("3", "0.25", 15, 7)]
    [InlineData("1", null, 30, 30)]
    public void ReplyShare_SplitsTheTokensLimit_TheElectedKeepsTheRest(string instances, string? share, int elected, int standby)
    {
        using var host = Build(WebhookSettings("Webhook", instances, share));

        var options = host.Services.GetRequiredService<IOptions<TelegramOptions>>().Value;

        Assert.Equal((elected, standby), (options.ElectedMessagesPerSecond, options.StandbyMessagesPerSecond));
        Assert.True(elected + (standby * (int.Parse(instances, System.Globalization.CultureInfo.InvariantCulture) - 1)) <= 30 || share is null);
    }

    private static Dictionary<string, string?> WebhookSettings(string mode, string instances, string? share) => new()
    {
        ["Telegram:Token"] = ValidToken,
        ["Telegram:Mode"] = mode,
        ["Telegram:WebhookUrl"] = "https://bot.example.org/telegram/hook",
        ["Telegram:WebhookListenUrl"] = "http://0.0.0.0:8443",
        ["Telegram:WebhookSecret"] = "s3cret_Value-1",
        ["Telegram:Instances"] = instances,
        ["Telegram:ReplyShare"] = share,
    };

    [Fact]
    public void Validate_PollingMode_IgnoresTheWebhookSettings()
    {
        using var host = Build(new() { ["Telegram:Token"] = ValidToken, ["Telegram:WebhookUrl"] = "not checked" });

        Assert.Equal(TelegramMode.Polling, host.Services.GetRequiredService<IOptions<TelegramOptions>>().Value.Mode);
    }

    [Fact]
    public void Defaults_AreValidAndMatchTelegramLimits()
    {
        using var host = Build(new() { ["Telegram:Token"] = ValidToken });

        var options = host.Services.GetRequiredService<IOptions<TelegramOptions>>().Value;

        Assert.Equal(("https://api.telegram.org", 30, 20, TimeSpan.FromSeconds(1)), (options.ApiBaseUrl, options.MessagesPerSecond, options.GroupMessagesPerMinute, options.PerChatInterval));
    }

    [Fact]
    public void AddTelegramAdapter_WithoutToken_RegistersNoSenderOrServices()
    {
        using var host = Build([]);

        Assert.Empty(host.Services.GetServices<IChatSender>());
        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), s => s.GetType().Namespace!.StartsWith("ChatCoach.Telegram", StringComparison.Ordinal));
    }

    [Fact]
    public void AddTelegramAdapter_WithToken_RegistersSenderAndServices()
    {
        using var host = Build(new() { ["Telegram:Token"] = ValidToken });

        Assert.Equal("telegram", Assert.Single(host.Services.GetServices<IChatSender>()).Platform);
        Assert.Equal(2, host.Services.GetServices<IHostedService>().Count(s => s.GetType().Namespace!.StartsWith("ChatCoach.Telegram", StringComparison.Ordinal)));
    }

    [Fact]
    public void MenuCommands_FromCatalog_FollowTelegramRules()
    {
        var catalog = new Catalog(
            new FakeCommand("streak", "Your streak"),
            new FakeCommand("Bad-Name", "dash is not allowed"),
            new FakeCommand("Subscribe", new string('x', 300)),
            new FakeCommand("empty", ""));

        var commands = TelegramPollingService.MenuCommands(catalog);

        Assert.Equal(["streak", "subscribe", "empty"], commands.Select(c => c.Command));
        Assert.Equal(256, commands[1].Description.Length);
        Assert.Equal("empty <usage>", commands[2].Description);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        settings["Storage:Path"] = Path.Combine(Path.GetTempPath(), $"chatcoach-options-{Guid.NewGuid():N}.db");
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddStorage();
        builder.AddConversation();
        builder.AddTelegramAdapter();
        return builder.Build();
    }

    private sealed class Catalog(params ICommandHandler[] commands) : ICommandCatalog
    {
        public IReadOnlyList<ICommandHandler> Commands { get; } = commands;
    }

    private sealed class FakeCommand(string name, string description) : ICommandHandler
    {
        public string Name => name;

        public string Usage => $"{name} <usage>";

        public string Description => description;

        public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken) => Task.FromResult(Reply.Text(name));
    }
}
