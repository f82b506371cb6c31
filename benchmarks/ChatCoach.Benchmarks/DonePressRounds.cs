using ChatCoach.Core.Streaks;
using Microsoft.Extensions.Time.Testing;

namespace ChatCoach.Benchmarks;

/// <summary>
/// Rounds of Done presses at once by different people (the ids of <see cref="StreakStorageBenchmarks"/>), moving the
/// clock to the next day once all of them have pressed, so every press is a first Done of its day. Shared by the
/// LiteDB and PostgreSQL Done benchmarks.
/// </summary>
/// <remarks>With <paramref name="first"/>, the presses start at that person (two services over the same rows keep apart).</remarks>
internal sealed class DonePressRounds(StreakService service, FakeTimeProvider time, int people, int first = 0)
{
    private readonly int _first = first;
    private int _next = first;

    /// <summary>Presses at once and waits for all of them; returns how many counted.</summary>
    public async Task<int> PressAsync(int pressers)
    {
        var presses = new Task<DoneOutcome>[pressers];
        for (var i = 0; i < pressers; i++)
        {
            if (_next == people)
            {
                _next = _first;
                time.Advance(TimeSpan.FromDays(1)); // everyone has done today: a fresh day
            }

            var message = StreakStorageBenchmarks.Message(_next++);
            presses[i] = Task.Run(() => service.RecordDoneAsync(message, CancellationToken.None));
        }

        return (await Task.WhenAll(presses)).Count(outcome => outcome.Counted);
    }
}
