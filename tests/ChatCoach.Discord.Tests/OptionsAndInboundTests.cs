using System.Text.Json;
using ChatCoach.Core.Conversation;
using ChatCoach.Core.DailyPosts;
using ChatCoach.Discord.ApiDouble;
using ChatCoach.Discord.Client;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ChatCoach.Discord.Tests;

public sealed class OptionsAndInboundTests
{
    [Theory]
    [InlineData("Discord:ShardId", "2", "Discord:ShardId must be less than Discord:ShardCount")]
    [InlineData("Discord:ShardCount", "0", "Discord:ShardCount must be between 1 and 65536")]
    [InlineData("Discord:ApiBaseUrl", "discord.com", "Discord:ApiBaseUrl must be an absolute http(s) URL")]
    [InlineData("Discord:GatewayUrl", "https://gateway.discord.gg", "Discord:GatewayUrl must be an absolute ws(s) URL")]
    [InlineData("Discord:DevGuildId", "my-guild", "Discord:DevGuildId must be a guild id")]
    [InlineData("Discord:RetryDelay", "-00:00:01", "Discord:RetryDelay must be a positive time span")]
    [InlineData("Discord:DeferAfter", "00:00:04", "Discord:DeferAfter must be under 3 seconds")]
    [InlineData("Discord:Token", "Bot abc", "Discord:Token must be the bare bot token")]
    [InlineData("Discord:GlobalRateShare", "0", "Discord:GlobalRateShare must be between 0.0001 and 1")]
    [InlineData("Discord:GlobalRateShare", "1.5", "Discord:GlobalRateShare must be between 0.0001 and 1")]
    [InlineData("Discord:GlobalRateShare", "0.01", "Discord:GlobalRateShare leaves this process less than one request per window")]
    public void Start_BadSetting_FailsNamingTheKey(string key, string value, string message)
    {
        using var host = Build(new() { ["Discord:Token"] = "abc.def", ["Discord:ShardCount"] = "2", [key] = value });

        var error = Assert.Throws<OptionsValidationException>(() => host.Services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("abc.def", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, null, 50)]
    [InlineData(2, null, 25)]
    [InlineData(3, null, 16)]
    [InlineData(2, 0.75, 37)]
    [InlineData(64, null, 1)]
    public void ProcessGlobalRateLimit_IsThisProcesssShareOfThePerTokenLimit(int shardCount, double? share, int expected)
    {
        // Discord's global limit is per bot token; each shard process keeps to its share so that together they stay under it.
        var options = new DiscordOptions { GlobalRateLimit = 50, ShardCount = shardCount, GlobalRateShare = share };

        Assert.Equal(expected, options.ProcessGlobalRateLimit);
    }

    [Fact]
    public void Register_WithoutToken_AddsNeitherServiceNorSender()
    {
        using var host = Build([]);

        host.Services.GetRequiredService<IStartupValidator>().Validate();
        Assert.DoesNotContain(host.Services.GetServices<IHostedService>(), s => s is DiscordAdapterService);
        Assert.Empty(host.Services.GetServices<IChatSender>());
    }

    [Fact]
    public void Register_WithToken_AddsServiceAndSender()
    {
        using var host = Build(new() { ["Discord:Token"] = "abc.def" });

        Assert.Contains(host.Services.GetServices<IHostedService>(), s => s is DiscordAdapterService);
        Assert.Equal("discord", Assert.Single(host.Services.GetServices<IChatSender>()).Platform);
    }

    [Theory]
    [InlineData("0", false)]
    [InlineData("2147552256", false)]
    [InlineData("16", true)]
    [InlineData("32", true)]
    [InlineData("8", true)]
    [InlineData("1099511627775", true)]
    [InlineData("", false)]
    [InlineData("garbage", false)]
    public void CanManage_PermissionBits(string permissions, bool expected)
    {
        Assert.Equal(expected, DiscordInbound.CanManage(permissions));
    }

    [Fact]
    public void ComposeText_OptionsInDeclaredOrder_SkipsEmpty()
    {
        var data = JsonSerializer.Deserialize<InteractionData>(
            """{"name":"subscribe","options":[{"name":"focus","type":3,"value":"hips"},{"name":"time","type":3,"value":" 06:45 "}]}""",
            DiscordJson.Options)!;

        Assert.Equal("/subscribe 06:45 hips", DiscordCommands.ComposeText(data));
    }

    [Fact]
    public void Build_HandlerWithoutKnownShape_GetsAFreeTextOption()
    {
        var catalog = new Catalog([new ExtraHandler()]);

        var commands = DiscordCommands.Build(catalog);

        var extra = Assert.Single(commands);
        Assert.Equal("stretch", extra.Name);
        Assert.Equal("A new command", extra.Description);
        Assert.Equal(DiscordCommands.GenericOption, Assert.Single(extra.Options!).Name);
    }

    [Fact]
    public void Build_KnownCommand_CarriesChineseDescriptionLocalizations()
    {
        var catalog = new Catalog([new Named("routine"), new Named("stretch")]);

        var commands = DiscordCommands.Build(catalog).ToDictionary(c => c.Name);

        Assert.Equal("今天 10–15 分钟的拉伸和力量练习", commands["routine"].DescriptionLocalizations!["zh-CN"]);
        Assert.Equal("今天 10–15 分鐘的伸展和肌力練習", commands["routine"].DescriptionLocalizations!["zh-TW"]);
        Assert.Null(commands["stretch"].DescriptionLocalizations);
    }

    [Fact]
    public void Build_KnownOptionsAndChoices_CarrySimplifiedAndTraditionalLocalizations()
    {
        var catalog = new Catalog([new Named("subscribe"), new Named("forget")]);

        var commands = DiscordCommands.Build(catalog).ToDictionary(c => c.Name);

        var focus = commands["subscribe"].Options!.Single(o => o.Name == "focus");
        Assert.Equal("练习重点", focus.DescriptionLocalizations!["zh-CN"]);
        Assert.Equal("練習重點", focus.DescriptionLocalizations!["zh-TW"]);
        var hips = focus.Choices!.Single(c => c.Value == "hips");
        Assert.Equal("hips", hips.Name);
        Assert.Equal("髋部", hips.NameLocalizations!["zh-CN"]);
        Assert.Equal("髖部", hips.NameLocalizations!["zh-TW"]);
        var language = commands["subscribe"].Options!.Single(o => o.Name == "language");
        Assert.Equal(["en", "zh"], language.Choices!.Select(c => c.Value));
        Assert.Equal("是，全部删除", commands["forget"].Options![0].Choices![0].NameLocalizations!["zh-CN"]);
    }

    [Fact]
    public void ValidateCommands_ChoiceAndOptionLocalizations_CheckedAsDiscordDoes()
    {
        var choice = new System.Text.Json.Nodes.JsonObject
        {
            ["name"] = "hips",
            ["value"] = "hips",
            ["name_localizations"] = new System.Text.Json.Nodes.JsonObject { ["zh-CN"] = "髋部", ["zh"] = "髋部", ["zh-TW"] = new string('髖', 101), ["ja"] = "" },
        };
        var option = new System.Text.Json.Nodes.JsonObject
        {
            ["type"] = 3,
            ["name"] = "focus",
            ["description"] = "What to focus on",
            ["description_localizations"] = new System.Text.Json.Nodes.JsonObject { ["zh-CN"] = new string('练', 101) },
            ["name_localizations"] = new System.Text.Json.Nodes.JsonObject { ["zh-CN"] = "重点", ["zh-TW"] = "Focus" },
            ["choices"] = new System.Text.Json.Nodes.JsonArray(choice),
        };
        var body = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject
        {
            ["name"] = "routine",
            ["description"] = "Today's routine",
            ["options"] = new System.Text.Json.Nodes.JsonArray(option),
        });

        var errors = DiscordLimits.ValidateCommands(body);

        Assert.Equal(
            [
                "0.options.0.choices.0.name_localizations.ja",
                "0.options.0.choices.0.name_localizations.zh",
                "0.options.0.choices.0.name_localizations.zh-TW",
                "0.options.0.description_localizations.zh-CN",
                "0.options.0.name_localizations.zh-TW",
            ],
            errors.Keys.Order(StringComparer.Ordinal));
        Assert.Equal("Must be 100 or fewer in length.", errors["0.options.0.choices.0.name_localizations.zh-TW"]);
        Assert.Equal("Must be 1 or more in length.", errors["0.options.0.choices.0.name_localizations.ja"]);
        Assert.Equal("Invalid Form Body: not a valid locale", errors["0.options.0.choices.0.name_localizations.zh"]);
        Assert.Equal("Command name is invalid", errors["0.options.0.name_localizations.zh-TW"]);
    }

    [Fact]
    public void Build_Global_ServerOnlyCommandsAreNotOfferedInDms_GuildScopedCarriesNoContexts()
    {
        var catalog = new Catalog([new Named("subscribe"), new Named("leaderboard"), new Named("ask")]);

        var global = DiscordCommands.Build(catalog).ToDictionary(c => c.Name);
        var guild = DiscordCommands.Build(catalog, global: false);

        Assert.Equal([0], global["subscribe"].Contexts!);
        Assert.Equal([0], global["leaderboard"].Contexts!);
        Assert.Equal([0, 1], global["ask"].Contexts!);
        Assert.All(guild, c => Assert.Null(c.Contexts));
    }

    private sealed class Named(string name) : ICommandHandler
    {
        public string Name => name;

        public string Usage => name;

        public string Description => "";

        public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken) => Task.FromResult(Reply.Text(name, name));
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddConversation();
        builder.AddDiscordAdapter();
        return builder.Build();
    }

    private sealed class Catalog(IReadOnlyList<ICommandHandler> commands) : ICommandCatalog
    {
        public IReadOnlyList<ICommandHandler> Commands => commands;
    }

    private sealed class ExtraHandler : ICommandHandler
    {
        public string Name => "stretch";

        public string Usage => "stretch [minutes]";

        public string Description => "A new command";

        public Task<Reply> HandleAsync(CommandRequest request, CancellationToken cancellationToken) => Task.FromResult(Reply.Text("ok"));
    }
}
