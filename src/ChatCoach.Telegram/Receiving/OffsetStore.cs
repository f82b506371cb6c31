using System.Globalization;
using ChatCoach.Core.Storage;
using Microsoft.Extensions.Logging;

namespace ChatCoach.Telegram.Receiving;

/// <summary>
/// The receiving position in the adapter state store (<c>telegram:offset</c>), as
/// <c>2|botId|apiBaseUrl|offset|highestSeen|unfinished,ids</c>. Update ids belong to one bot on one Bot API server
/// (a self-hosted server numbers its own), so a position saved for another bot or server is ignored rather than
/// hiding this one's updates. The older <c>botId:offset</c> form is still read.
/// </summary>
internal sealed class OffsetStore(IAdapterStateStore state, string apiBaseUrl, ILogger logger)
{
    public const string Key = "telegram:offset";

    private readonly string _server = apiBaseUrl.TrimEnd('/');

    public async Task<TrackerState> LoadAsync(long botId, CancellationToken cancellationToken)
    {
        var stored = await state.GetAsync(Key, cancellationToken);
        var bot = botId.ToString(CultureInfo.InvariantCulture);
        if (stored is null)
        {
            return new TrackerState(0, -1, []);
        }

        var parts = stored.Split('|');
        if (parts is ["2", var savedBot, var server, var offset, var highest, var unfinished]
            && TryParse(offset, out var committed) && TryParse(highest, out var highestSeen))
        {
            if (savedBot == bot && server == _server)
            {
                var ids = unfinished.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(id => TryParse(id, out var value) ? value : -1).Where(id => id >= 0).ToList();
                return new TrackerState(committed, highestSeen, ids);
            }

            logger.LogInformation("Ignoring the saved Telegram offset: it belongs to another bot or Bot API server");
            return new TrackerState(0, -1, []);
        }

        if (stored.Split(':') is [var oldBot, var oldOffset] && oldBot == bot && TryParse(oldOffset, out var legacy))
        {
            return new TrackerState(legacy, legacy - 1, []);
        }

        logger.LogInformation("Ignoring the saved Telegram offset: it belongs to another bot");
        return new TrackerState(0, -1, []);
    }

    public Task SaveAsync(long botId, TrackerState position, CancellationToken cancellationToken) =>
        state.SetAsync(Key, Format(botId, position), cancellationToken);

    internal string Format(long botId, TrackerState position) => string.Create(
        CultureInfo.InvariantCulture,
        $"2|{botId}|{_server}|{position.Committed}|{position.HighestSeen}|{string.Join(',', position.Unfinished)}");

    private static bool TryParse(string text, out long value) =>
        long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
}
