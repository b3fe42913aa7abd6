namespace CanaryFlow.Controller.Demo;

/// <summary>One answered request, as the app's stats and the traffic generator remember it.</summary>
public readonly record struct AnsweredRequest(long Timestamp, int StatusCode, double Seconds, string Version);

/// <summary>
/// The requests of the last minute, for summaries over a recent window (the web provider's stats, the traffic line of
/// the story). Bounded: older entries are dropped as new ones arrive.
/// </summary>
public sealed class RequestWindow(TimeProvider clock)
{
    private static readonly TimeSpan _kept = TimeSpan.FromMinutes(1);
    private readonly Queue<AnsweredRequest> _requests = new();
    private readonly Lock _lock = new();

    public void Add(int statusCode, double seconds, string version)
    {
        var now = clock.GetTimestamp();
        lock (_lock)
        {
            _requests.Enqueue(new AnsweredRequest(now, statusCode, seconds, version));
            while (_requests.Count > 0 && clock.GetElapsedTime(_requests.Peek().Timestamp, now) > _kept)
            {
                _requests.Dequeue();
            }
        }
    }

    /// <summary>The requests answered within <paramref name="window"/> before now, oldest first.</summary>
    public IReadOnlyList<AnsweredRequest> Recent(TimeSpan window)
    {
        var now = clock.GetTimestamp();
        lock (_lock)
        {
            return [.. _requests.Where(r => clock.GetElapsedTime(r.Timestamp, now) <= window)];
        }
    }
}
