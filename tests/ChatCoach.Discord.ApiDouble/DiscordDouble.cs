using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatCoach.Discord.ApiDouble;

/// <summary>A stand-in for Discord on 127.0.0.1 (port 0): the gateway (WebSocket) and the HTTP API.</summary>
public sealed class DiscordDouble : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DiscordDouble(WebApplication app, string token, TimeProvider time)
    {
        _app = app;
        Token = token;
        Time = time;
        Gateway = new GatewayDouble(this);
        Rest = new RestDouble(this);
    }

    public string Token { get; }

    /// <summary>Discord's clock: deadlines, rate-limit windows, snowflake ids and recorded times all read it.</summary>
    public TimeProvider Time { get; }

    public string ApplicationId { get; } = "900000000000000001";

    public string BotUserId { get; } = "900000000000000002";

    public GatewayDouble Gateway { get; }

    public RestDouble Rest { get; }

    public string Root { get; private set; } = "";

    public string ApiBaseUrl => Root + "/api/v10";

    public string GatewayBaseUrl => Root.Replace("http://", "ws://", StringComparison.Ordinal) + "/gateway";

    public string ResumeGatewayUrl => Root.Replace("http://", "ws://", StringComparison.Ordinal) + "/gateway-resume";

    public static async Task<DiscordDouble> StartAsync(string token = "MTIzNDU2Nzg5.test.double-token", TimeProvider? time = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var discord = new DiscordDouble(app, token, time ?? TimeProvider.System);
        app.UseWebSockets();
        app.Map("/gateway", discord.Gateway.HandleAsync);
        app.Map("/gateway-resume", discord.Gateway.HandleAsync);
        app.Map("/api/v10/{**path}", discord.Rest.HandleAsync);
        await app.StartAsync();
        discord.Root = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return discord;
    }

    private long _sequence;

    /// <summary>A new snowflake created now on <see cref="Time"/>: <c>(ms since 2015) &lt;&lt; 22 | sequence</c>.</summary>
    public string NewSnowflake() => DiscordEvents.SnowflakeAt(Time.GetUtcNow(), (ulong)Interlocked.Increment(ref _sequence));

    /// <summary>
    /// Dispatches <c>INTERACTION_CREATE</c> and waits for the bot's callback to it. The gateway stamps the interaction
    /// with a snowflake on <see cref="Time"/>, so its callback path is read only after the dispatch.
    /// </summary>
    public async Task<RecordedRequest> AnswerToAsync(JsonObject interaction)
    {
        ArgumentNullException.ThrowIfNull(interaction);
        await Gateway.DispatchAsync("INTERACTION_CREATE", interaction);
        var path = $"/interactions/{interaction["id"]!.GetValue<string>()}/{interaction["token"]!.GetValue<string>()}/callback";
        await WaitUntilAsync(() => Rest.Requests.Any(r => r.Path == path), what: "the interaction callback");
        return Rest.Requests.Single(r => r.Path == path);
    }

    /// <summary>Polls a condition (cheap: counters) until it holds; fails with a description after the timeout.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(15);
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > limit)
            {
                throw new TimeoutException($"Timed out after {limit.TotalSeconds} s waiting for {what ?? "a condition"}.");
            }

            await Task.Delay(5);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Gateway.Dispose();
    }
}
