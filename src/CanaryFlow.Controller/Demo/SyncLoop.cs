using Microsoft.Extensions.Logging;

namespace CanaryFlow.Controller.Demo;

/// <summary>A commit the sync loop applied.</summary>
public sealed record SyncedRevision(string Commit, string Subject);

/// <summary>
/// Argo CD's part: a checkout of the config repo that fetches every few seconds and, at each new commit of the
/// branch, runs <c>kubectl apply -k</c> on the overlay and marks the Rollout with the revision it came from
/// (<c>canaryflow.io/git-revision</c>, the hint CanaryFlow takes from sync tools). Like Argo CD without self-heal it
/// applies only new commits, so it never fights the controller over the route's weights.
/// </summary>
public sealed partial class SyncLoop : IAsyncDisposable
{
    public const string RevisionAnnotation = "canaryflow.io/git-revision";

    private readonly string _checkout;
    private readonly string _repoUrl;
    private readonly string _overlayPath;
    private readonly string _kubeconfig;
    private readonly string _namespace;
    private readonly TimeSpan _interval;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private Task _running = Task.CompletedTask;
    private string? _applied;

    public SyncLoop(string checkout, string repoUrl, string overlayPath, string kubeconfig, string ns, TimeSpan interval, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _checkout = checkout;
        _repoUrl = repoUrl;
        _overlayPath = overlayPath;
        _kubeconfig = kubeconfig;
        _namespace = ns;
        _interval = interval;
        _logger = loggerFactory.CreateLogger<SyncLoop>();
    }

    /// <summary>Told after each commit applied.</summary>
    public event Action<SyncedRevision>? Synced;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await ConfigRepo.GitAsync(Path.GetDirectoryName(_checkout)!, cancellationToken, "clone", "--quiet", _repoUrl, _checkout).ConfigureAwait(false);
        _running = RunAsync(_stop.Token);
    }

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
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_interval);
        do
        {
            try
            {
                await SyncOnceAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                // A failed fetch or apply is tried again at the next tick, as Argo CD retries a failed sync.
                LogSyncFailed(_logger, e.Message);
            }
        }
        while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
    }

    private async Task SyncOnceAsync(CancellationToken cancellationToken)
    {
        await ConfigRepo.GitAsync(_checkout, cancellationToken, "fetch", "--quiet", "origin", ConfigRepo.Branch).ConfigureAwait(false);
        var head = (await ConfigRepo.GitAsync(_checkout, cancellationToken, "rev-parse", "FETCH_HEAD").ConfigureAwait(false)).Trim();
        if (head == _applied)
        {
            return;
        }

        await ConfigRepo.GitAsync(_checkout, cancellationToken, "checkout", "--quiet", "--detach", head).ConfigureAwait(false);
        await KubectlAsync(cancellationToken, "apply", "-k", Path.Combine(_checkout, _overlayPath)).ConfigureAwait(false);
        await KubectlAsync(cancellationToken, "annotate", "--overwrite", "rollout", "storefront", "-n", _namespace, RevisionAnnotation + "=" + head).ConfigureAwait(false);
        _applied = head;
        var subject = (await ConfigRepo.GitAsync(_checkout, cancellationToken, "log", "-1", "--format=%s", head).ConfigureAwait(false)).Trim();
        LogSynced(_logger, head, subject);
        Synced?.Invoke(new SyncedRevision(head, subject));
    }

    private Task<string> KubectlAsync(CancellationToken cancellationToken, params string[] arguments) =>
        ExternalCommand.RunCheckedAsync("kubectl", ["--kubeconfig", _kubeconfig, .. arguments], _checkout, cancellationToken);

    [LoggerMessage(Level = LogLevel.Information, Message = "Synced {Commit} ({Subject})")]
    private static partial void LogSynced(ILogger logger, string commit, string subject);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sync failed, trying again: {Reason}")]
    private static partial void LogSyncFailed(ILogger logger, string reason);
}
