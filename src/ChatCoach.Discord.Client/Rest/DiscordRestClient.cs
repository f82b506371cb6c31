using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Reflection;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChatCoach.Discord.Client;

/// <summary>What Discord answered. Status 0 means no answer at all (network failure or timeout after the retries).</summary>
internal sealed record DiscordResponse(int Status, string Body, DiscordError? Error, string? FailureReason = null)
{
    public bool IsSuccess => Status is >= 200 and < 300;

    public T Read<T>() => JsonSerializer.Deserialize<T>(Body, DiscordJson.Options)
        ?? throw new DiscordApiException($"Discord answered {Status} with an empty body.");

    /// <summary>Discord's JSON error code, or null when the answer carried none (a proxy, a wrong base URL).</summary>
    public int? Code => Error?.Code is { } code and not 0 ? code : null;

    /// <summary>
    /// One line for logs: status, Discord's code and message, and for a 50035 the fields it names; never the request's
    /// URL (it may hold a token).
    /// </summary>
    public string Describe()
    {
        if (Status == 0)
        {
            return FailureReason ?? "no answer";
        }

        if (Error is not { IsEmpty: false } e)
        {
            return Status.ToString(CultureInfo.InvariantCulture);
        }

        var fields = e.FieldErrors();
        return fields.Count == 0 ? $"{Status} ({e.Code}: {e.Message})" : $"{Status} ({e.Code}: {e.Message}; {string.Join("; ", fields)})";
    }
}

/// <summary>Discord refused the bot token: the adapter must stop using it.</summary>
internal sealed class DiscordUnauthorizedException() : Exception("Discord rejected the bot token (401 Unauthorized); check Discord:Token.");

internal sealed class DiscordApiException(string message) : Exception(message);

/// <summary>
/// Discord's HTTP API under <c>Discord:ApiBaseUrl</c>: authenticates, stays inside the rate limits, waits out
/// 429s, retries 5xx and network errors a bounded number of times, and stops for good after a 401 to a request that
/// carried the bot token. A 401 on an interaction's own URL (its token expired) ends only that interaction.
/// </summary>
internal sealed class DiscordRestClient(HttpClient http, IOptions<DiscordOptions> options, RestRateLimiter limiter, TimeProvider time, ILogger<DiscordRestClient> logger) : IDisposable
{
    private readonly DiscordOptions _settings = options.Value;

    public const string HttpClientName = "discord";

    private static readonly string Version = typeof(DiscordRestClient).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "1.0";
    private readonly CancellationTokenSource _stopped = new();

    /// <summary>Cancelled once Discord answers 401: nothing may use the token after that.</summary>
    public CancellationToken Stopped => _stopped.Token;

    public RestRateLimiter Limiter => limiter;

    /// <summary>Told of every answer Discord gives (method and status, 429s included), for the host's metrics.</summary>
    public Action<HttpMethod, int>? AnswerObserved { get; set; }

    public static string UserAgent => $"DiscordBot (https://github.com/chatcoach/chatcoach, {Version}) ChatCoach";

    public Task<DiscordResponse> GetAsync(string path, CancellationToken cancellationToken) => SendAsync(HttpMethod.Get, path, null, cancellationToken);

    /// <summary>
    /// Sends one request, waiting for rate limits. <paramref name="background"/> requests (scheduled posts) give way
    /// to replies to people. Throws <see cref="DiscordUnauthorizedException"/> once the token has been rejected.
    /// </summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path below the API base, e.g. <c>/channels/1/messages</c>.</param>
    /// <param name="body">The JSON body, or null.</param>
    /// <param name="cancellationToken">Cancels waiting and sending.</param>
    /// <param name="background">True for scheduled posts, which give way to replies.</param>
    /// <param name="files">
    /// Files to upload: the body then goes as <c>payload_json</c> in a multipart/form-data request, file n as the part
    /// <c>files[n]</c> (the body's <c>attachments</c> should name them by that n).
    /// </param>
    public async Task<DiscordResponse> SendAsync(HttpMethod method, string path, object? body, CancellationToken cancellationToken, bool background = false, IReadOnlyList<DiscordFile>? files = null)
    {
        var route = DiscordRoute.Parse(method, path);
        var failures = 0;
        var rateLimited = 0;
        while (true)
        {
            if (_stopped.IsCancellationRequested)
            {
                throw new DiscordUnauthorizedException();
            }

            HttpResponseMessage? response = null;
            string? failure = null;
            var lease = await limiter.AcquireAsync(route, background, cancellationToken);
            try
            {
                try
                {
                    using var request = BuildRequest(method, path, body, route, files);
                    using var timeout = new CancellationTokenSource(_settings.RequestTimeout, time);
                    using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
                    try
                    {
                        response = await http.SendAsync(request, linked.Token);
                    }
                    catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
                    {
                        failure = $"no answer within {_settings.RequestTimeout.TotalSeconds:0.#} s";
                    }
                }
                catch (HttpRequestException ex)
                {
                    failure = ex.HttpRequestError.ToString();
                }

                if (response is null)
                {
                    lease.Dispose();
                    if (++failures > _settings.MaxRetries)
                    {
                        logger.LogWarning("Discord {Route} failed after {Attempts} attempts: {Reason}", route, failures, failure);
                        return new DiscordResponse(0, "", null, failure);
                    }

                    await Task.Delay(Backoff(failures), time, cancellationToken);
                    continue;
                }

                lease.Update(response.Headers);
                var status = (int)response.StatusCode;
                AnswerObserved?.Invoke(method, status);
                var text = await response.Content.ReadAsStringAsync(cancellationToken);
                var error = status >= 400 ? ParseError(text) : null;
                switch (status)
                {
                    case 401 when !route.ExemptFromGlobal:
                        // The adapter service reports this once; every later call fails fast without using the token.
                        limiter.CountInvalid();
                        await _stopped.CancelAsync();
                        throw new DiscordUnauthorizedException();
                    case 401 or 403:
                        limiter.CountInvalid();
                        break;
                    case 429 when error is null && Header(response.Headers, "X-RateLimit-Scope") is null:
                        // Not Discord's rate limiter but Cloudflare's ban of this IP: retrying only prolongs it.
                        limiter.CountInvalid();
                        limiter.PauseAll(_settings.CloudflareBanPause);
                        logger.LogError(
                            "Discord {Route}: 429 without a rate-limit body (Cloudflare has banned this IP for too many invalid requests); pausing every request for {Pause}",
                            route,
                            _settings.CloudflareBanPause);
                        return new DiscordResponse(status, text, error);
                    case 429:
                        var global = error?.Global == true || response.Headers.Contains("X-RateLimit-Global");
                        if (Header(response.Headers, "X-RateLimit-Scope") != "shared")
                        {
                            limiter.CountInvalid();
                        }

                        var retryAfter = RetryAfter(error, response.Headers);
                        lease.RateLimited(retryAfter, global);
                        lease.Dispose();
                        if (++rateLimited > _settings.MaxRateLimitRetries)
                        {
                            logger.LogWarning("Discord {Route}: still rate limited after {Count} waits; giving up on this request", route, rateLimited - 1);
                            return new DiscordResponse(status, text, error);
                        }

                        logger.LogDebug("Discord {Route}: 429 ({Scope}), retrying after {RetryAfter}", route, global ? "global" : "route", retryAfter);
                        if (route.IsInteractionCallback || (global && route.ExemptFromGlobal))
                        {
                            // No bucket or global gate holds these back, so wait here.
                            await Task.Delay(retryAfter, time, cancellationToken);
                        }

                        continue;
                    case >= 500:
                        lease.Dispose();
                        if (++failures > _settings.MaxRetries)
                        {
                            logger.LogWarning("Discord {Route} answered {Status} after {Attempts} attempts", route, status, failures);
                            return new DiscordResponse(status, text, error);
                        }

                        await Task.Delay(Backoff(failures), time, cancellationToken);
                        continue;
                }

                return new DiscordResponse(status, text, error);
            }
            finally
            {
                lease.Dispose();
                response?.Dispose();
            }
        }
    }

    public void Dispose() => _stopped.Dispose();

    private HttpRequestMessage BuildRequest(HttpMethod method, string path, object? body, DiscordRoute route, IReadOnlyList<DiscordFile>? files)
    {
        var request = new HttpRequestMessage(method, _settings.ApiBaseUrl.TrimEnd('/') + path);
        request.Headers.TryAddWithoutValidation("User-Agent", UserAgent);

        // Interaction callbacks and interaction webhooks are authorised by their token in the path.
        if (!route.ExemptFromGlobal)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bot", _settings.Token ?? "");
        }

        if (files is { Count: > 0 })
        {
            // Built afresh for every attempt, so a retry uploads every byte again.
            var form = new MultipartFormDataContent();
            if (body is not null)
            {
                var json = new StringContent(JsonSerializer.Serialize(body, body.GetType(), DiscordJson.Options));
                json.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                form.Add(json, "payload_json");
            }

            for (var i = 0; i < files.Count; i++)
            {
                var part = new ReadOnlyMemoryContent(files[i].Content);
                part.Headers.ContentType = new MediaTypeHeaderValue(files[i].ContentType);
                form.Add(part, $"files[{i.ToString(CultureInfo.InvariantCulture)}]", files[i].FileName);
            }

            request.Content = form;
        }
        else if (body is not null)
        {
            request.Content = JsonContent.Create(body, body.GetType(), options: DiscordJson.Options);
        }

        return request;
    }

    private TimeSpan Backoff(int attempt)
    {
        var delay = _settings.RetryDelay * Math.Pow(2, attempt - 1);
        return delay + (delay * (Random.Shared.NextDouble() * 0.25));
    }

    private static TimeSpan RetryAfter(DiscordError? error, HttpResponseHeaders headers)
    {
        if (error?.RetryAfter is { } seconds and >= 0)
        {
            return TimeSpan.FromSeconds(seconds);
        }

        if (headers.RetryAfter?.Delta is { } delta)
        {
            return delta;
        }

        return double.TryParse(Header(headers, "X-RateLimit-Reset-After"), NumberStyles.Float, CultureInfo.InvariantCulture, out var reset)
            ? TimeSpan.FromSeconds(reset)
            : TimeSpan.FromSeconds(1);
    }

    private static DiscordError? ParseError(string text)
    {
        try
        {
            return text.Length > 0 ? JsonSerializer.Deserialize<DiscordError>(text, DiscordJson.Options) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Header(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
