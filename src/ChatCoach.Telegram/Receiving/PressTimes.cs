using System.Globalization;
using System.Text;
using ChatCoach.Core.Storage;

namespace ChatCoach.Telegram.Receiving;

/// <summary>
/// When a button was pressed. Telegram's <c>callback_query</c> carries no date, so the time is estimated when the
/// press arrives (see <see cref="Estimate"/>) and written down before the press is handled: a press Telegram sends
/// again after a crash gets the time it had the first time, so it can never count a second day. Kept in the adapter
/// state store (<c>telegram:presses</c>) with the moment the bot last heard from Telegram, which bounds the presses
/// that arrive after a restart. Entries older than two days are dropped (Telegram keeps updates for 24 hours).
/// </summary>
internal sealed class PressTimes(IAdapterStateStore state, TimeProvider time) : IDisposable
{
    public const string Key = "telegram:presses";

    private static readonly TimeSpan s_kept = TimeSpan.FromDays(2);
    private static readonly TimeSpan s_listenedSaveEvery = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, DateTimeOffset> _stamps = new(StringComparer.Ordinal);
    private bool _loaded;
    private DateTimeOffset? _listened;
    private DateTimeOffset _listenedSaved = DateTimeOffset.MinValue;

    /// <summary>When the bot last had an answer from getUpdates, as stored by the previous run (null when unknown).</summary>
    public async Task<DateTimeOffset?> LoadListenedAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await LoadLockedAsync(cancellationToken);
            return _listened;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// The press's time: when <paramref name="earliest"/> and <paramref name="latest"/> are close (the bot was
    /// listening, so the press arrived at once) the later; otherwise the press waited through a gap (an outage, a
    /// restart) and the earliest moment it can have happened is taken, so an outage never breaks a streak (the reply
    /// names the day counted).
    /// </summary>
    public static DateTimeOffset Estimate(DateTimeOffset earliest, DateTimeOffset latest, TimeSpan listeningGap) =>
        earliest >= latest ? latest : latest - earliest <= listeningGap ? latest : earliest;

    /// <summary>The stored time of this press, or <paramref name="estimate"/> written down first.</summary>
    public async Task<DateTimeOffset> StampAsync(string callbackId, DateTimeOffset estimate, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(callbackId) || callbackId.Any(char.IsWhiteSpace))
        {
            return estimate;
        }

        await _gate.WaitAsync(cancellationToken);
        try
        {
            await LoadLockedAsync(cancellationToken);
            if (_stamps.TryGetValue(callbackId, out var stamped))
            {
                return stamped;
            }

            _stamps[callbackId] = estimate;
            await SaveLockedAsync(cancellationToken);
            return estimate;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>getUpdates answered at <paramref name="at"/>: remembered, and written at most once a minute (or when <paramref name="force"/>).</summary>
    public async Task NoteListenedAsync(DateTimeOffset at, bool force, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await LoadLockedAsync(cancellationToken);
            _listened = at;
            if (force || at - _listenedSaved >= s_listenedSaveEvery)
            {
                await SaveLockedAsync(cancellationToken);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task LoadLockedAsync(CancellationToken cancellationToken)
    {
        if (_loaded)
        {
            return;
        }

        foreach (var line in (await state.GetAsync(Key, cancellationToken) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            if (line.Split(' ') is [var id, var ms] && long.TryParse(ms, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var unixMs))
            {
                var at = DateTimeOffset.FromUnixTimeMilliseconds(unixMs);
                if (id == "listened")
                {
                    _listened = at;
                }
                else
                {
                    _stamps[id] = at;
                }
            }
        }

        _loaded = true;
    }

    private async Task SaveLockedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var old in _stamps.Where(s => now - s.Value > s_kept).Select(s => s.Key).ToList())
        {
            _stamps.Remove(old);
        }

        var text = new StringBuilder();
        if (_listened is { } listened)
        {
            text.Append(CultureInfo.InvariantCulture, $"listened {listened.ToUnixTimeMilliseconds()}\n");
        }

        foreach (var (id, at) in _stamps)
        {
            text.Append(CultureInfo.InvariantCulture, $"{id} {at.ToUnixTimeMilliseconds()}\n");
        }

        await state.SetAsync(Key, text.ToString(), cancellationToken);
        _listenedSaved = now;
    }
}
