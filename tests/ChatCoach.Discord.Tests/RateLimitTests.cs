using System.Net.Http.Headers;
using ChatCoach.Discord.Client;
using ChatCoach.Discord.Tests.Fakes;
using ChatCoach.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Discord.Tests;

/// <summary>The limiter's arithmetic on fake time: no sockets, no waiting on the wall clock.</summary>
public sealed class RateLimitTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero));
    private readonly CapturingLoggerProvider _logs = new();
    private RestRateLimiter? _limiter;

    public void Dispose() => _limiter?.Dispose();

    [Fact]
    public async Task AcquireAsync_GlobalLimitReached_WaitsForTheWindowToMove()
    {
        var limiter = Limiter(globalLimit: 3);
        for (var i = 0; i < 3; i++)
        {
            (await limiter.AcquireAsync(Post($"/channels/{100 + i}/messages"), background: false, CancellationToken.None)).Dispose();
        }

        var fourth = limiter.AcquireAsync(Post("/channels/200/messages"), background: false, CancellationToken.None);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        await Settle();
        Assert.False(fourth.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(2));
        (await fourth.WaitAsync(Patience)).Dispose();
    }

    [Fact]
    public async Task AcquireAsync_BucketExhausted_WaitsUntilResetAfter()
    {
        var limiter = Limiter();
        var route = Post("/channels/100/messages");
        using (var lease = await limiter.AcquireAsync(route, background: false, CancellationToken.None))
        {
            lease.Update(Headers(remaining: 0, resetAfter: 2.5, bucket: "abc"));
        }

        var next = limiter.AcquireAsync(route, background: false, CancellationToken.None);
        var otherChannel = limiter.AcquireAsync(Post("/channels/101/messages"), background: false, CancellationToken.None);
        (await otherChannel.WaitAsync(Patience)).Dispose();
        _time.Advance(TimeSpan.FromSeconds(2.4));
        await Settle();
        Assert.False(next.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(0.2));
        (await next.WaitAsync(Patience)).Dispose();
    }

    [Fact]
    public async Task AcquireAsync_AfterGlobal429_PausesEveryRoute()
    {
        var limiter = Limiter();
        using (var lease = await limiter.AcquireAsync(Post("/channels/100/messages"), background: false, CancellationToken.None))
        {
            lease.RateLimited(TimeSpan.FromSeconds(3), global: true);
        }

        var other = limiter.AcquireAsync(Post("/channels/555/messages"), background: false, CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(2.9));
        await Settle();
        Assert.False(other.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(0.2));
        (await other.WaitAsync(Patience)).Dispose();
    }

    [Fact]
    public async Task AcquireAsync_InteractionCallback_IsNeitherQueuedNorGlobal()
    {
        var limiter = Limiter(globalLimit: 1);
        (await limiter.AcquireAsync(Post("/channels/100/messages"), background: false, CancellationToken.None)).Dispose();

        var callback = limiter.AcquireAsync(Post("/interactions/123/tok/callback"), background: false, CancellationToken.None);

        Assert.True(callback.IsCompletedSuccessfully);
        (await callback).Dispose();
    }

    [Fact]
    public async Task AcquireAsync_InvalidRequestBudgetSpent_PausesUntilTheTenMinuteWindowMoves()
    {
        var limiter = Limiter(invalidBudget: 3);
        for (var i = 0; i < 3; i++)
        {
            limiter.CountInvalid();
        }

        var next = limiter.AcquireAsync(Post("/channels/100/messages"), background: false, CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(9));
        await Settle();
        Assert.False(next.IsCompleted);

        _time.Advance(TimeSpan.FromMinutes(1.01));
        (await next.WaitAsync(Patience)).Dispose();
        Assert.Single(_logs.AtLeast(LogLevel.Warning));
    }

    [Fact]
    public async Task GatewaySendLimiter_FullWindow_DelaysOrdinaryPayloadsButNotHeartbeats()
    {
        var limiter = new GatewaySendLimiter(2, TimeSpan.FromSeconds(60), _time);
        await limiter.WaitAsync(urgent: false, CancellationToken.None);
        await limiter.WaitAsync(urgent: false, CancellationToken.None);

        var ordinary = limiter.WaitAsync(urgent: false, CancellationToken.None);
        var heartbeat = limiter.WaitAsync(urgent: true, CancellationToken.None);

        Assert.True(heartbeat.IsCompletedSuccessfully);
        _time.Advance(TimeSpan.FromSeconds(59));
        await Settle();
        Assert.False(ordinary.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1.1));
        await ordinary.WaitAsync(Patience);
    }

    [Theory]
    [InlineData("POST", "/channels/1200000000000000001/messages", "POST /channels/:major/messages", "1200000000000000001")]
    [InlineData("PUT", "/applications/900000000000000001/guilds/1100000000000000001/commands", "PUT /applications/:id/guilds/:id/commands", "")]
    [InlineData("PATCH", "/webhooks/900000000000000001/tok.en/messages/@original", "PATCH /webhooks/:major/:token/messages/@original", "900000000000000001/tok.en")]
    [InlineData("POST", "/interactions/1300000000000000001/secret/callback", "POST /interactions/:id/:token/callback", "")]
    [InlineData("GET", "/gateway/bot", "GET /gateway/bot", "")]
    public void Parse_Route_KeysByTemplateAndMajorId(string method, string path, string key, string major)
    {
        var route = DiscordRoute.Parse(new HttpMethod(method), path);

        Assert.Equal(key, route.Key);
        Assert.Equal(major, route.Major);
        Assert.DoesNotContain("secret", route.ToString(), StringComparison.Ordinal);
    }

    private RestRateLimiter Limiter(int globalLimit = 50, int invalidBudget = 1000) =>
        _limiter = new RestRateLimiter(
            Options.Create(new DiscordOptions { GlobalRateLimit = globalLimit, GlobalRateWindow = TimeSpan.FromSeconds(1), RateLimitMargin = TimeSpan.Zero, InvalidRequestBudget = invalidBudget }),
            _time,
            _logs.CreateLogger<RestRateLimiter>());

    private static DiscordRoute Post(string path) => DiscordRoute.Parse(HttpMethod.Post, path);

    private static HttpResponseHeaders Headers(int remaining, double resetAfter, string bucket)
    {
        var response = new HttpResponseMessage();
        response.Headers.Add("X-RateLimit-Limit", "5");
        response.Headers.Add("X-RateLimit-Remaining", remaining.ToString(System.Globalization.CultureInfo.InvariantCulture));
        response.Headers.Add("X-RateLimit-Reset-After", resetAfter.ToString(System.Globalization.CultureInfo.InvariantCulture));
        response.Headers.Add("X-RateLimit-Bucket", bucket);
        return response.Headers;
    }

    // Lets continuations scheduled by a fake-time advance run before asserting that something is still waiting.
    private static async Task Settle()
    {
        for (var i = 0; i < 5; i++)
        {
            await Task.Yield();
        }

        await Task.Delay(20);
    }
}
