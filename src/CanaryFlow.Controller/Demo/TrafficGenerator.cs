using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Demo;

/// <summary>
/// Shoppers: a steady stream of requests to the proxy, remembering which version answered each and how, so the story
/// can show where traffic goes while the weights move.
/// </summary>
public sealed partial class TrafficGenerator : IAsyncDisposable
{
    /// <summary>What a request counts as when no version answered it (no route or endpoints yet, or no answer at all).</summary>
    public const string Unrouted = "unrouted";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly Uri _target;
    private readonly TimeSpan _period;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly RequestWindow _answers = new(TimeProvider.System);
    private Task _running = Task.CompletedTask;

    public TrafficGenerator(Uri target, int requestsPerSecond, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _target = target;
        _period = TimeSpan.FromSeconds(1.0 / requestsPerSecond);
        _logger = loggerFactory.CreateLogger<TrafficGenerator>();
    }

    public void Start() => _running = RunAsync(_stop.Token);

    /// <summary>Where the requests of the last <paramref name="window"/> went.</summary>
    public TrafficSnapshot Snapshot(TimeSpan window) => TrafficSnapshot.Of(_answers.Recent(window));

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try
        {
            await _running.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }

        _stop.Dispose();
        _http.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_period);
        var inFlight = new List<Task>();
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
        {
            // Requests overlap like real shoppers' do; a slow answer never holds back the next request.
            inFlight.RemoveAll(t => t.IsCompleted);
            if (inFlight.Count < 50)
            {
                inFlight.Add(SendAsync(cancellationToken));
            }
        }
    }

    private async Task SendAsync(CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        try
        {
            using var response = await _http.GetAsync(_target, cancellationToken).ConfigureAwait(false);
            var version = response.Headers.TryGetValues(DemoApp.VersionHeader, out var values) ? values.First() : Unrouted;
            _answers.Add((int)response.StatusCode, TimeProvider.System.GetElapsedTime(started).TotalSeconds, version);
        }
        catch (HttpRequestException e)
        {
            LogFailed(_logger, e.Message);
            _answers.Add(0, TimeProvider.System.GetElapsedTime(started).TotalSeconds, Unrouted);
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            _answers.Add(0, TimeProvider.System.GetElapsedTime(started).TotalSeconds, Unrouted);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "A shopper's request failed: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
