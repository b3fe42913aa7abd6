using CanaryFlow.Kubernetes.Client;
using CanaryFlow.Kubernetes.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CanaryFlow.Kubernetes.LeaderElection;

/// <summary>
/// Leader election on a coordination.k8s.io/v1 Lease, as client-go does it: acquire (retrying every RetryPeriod with
/// jitter), lead while renewing every RetryPeriod, stop leading when renewals keep failing for RenewDeadline, and
/// release the Lease when the run is cancelled.
/// </summary>
public sealed class LeaderElector
{
    private readonly LeaderElectionOptions _options;
    private readonly LeaderCallbacks _callbacks;
    private readonly ILogger _logger;
    private readonly LeaseLock _lock;
    private int _running;
    private volatile bool _isLeader;
    private string _reportedLeader = "";

    public LeaderElector(KubernetesClient client, LeaderElectionOptions options, LeaderCallbacks callbacks, ILogger<LeaderElector>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(callbacks);
        options.Validate();
        _options = options;
        _callbacks = callbacks;
        _logger = logger ?? NullLogger<LeaderElector>.Instance;
        _lock = new LeaseLock(client.Resource<Lease>(ResourceTypes.Leases), options, _logger);
    }

    public string Identity => _options.Identity;

    /// <summary>True from acquiring the Lease until leadership ends (renewal given up, or the work returned).</summary>
    public bool IsLeader => _isLeader;

    /// <summary>
    /// Competes for the Lease until this process leads, then runs <see cref="LeaderCallbacks.OnStartedLeading"/> and renews
    /// until leadership ends. Returns when leadership has ended, or when cancelled before it began; cancelling while
    /// leading cancels the leader's token, waits for the work to return and then releases the Lease
    /// (<see cref="LeaderElectionOptions.ReleaseOnCancel"/>). Throws what the leader's work threw, after stepping down.
    /// A new run may start after the previous one returned.
    /// </summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            throw new InvalidOperationException($"the leader elector {Identity} is already running");
        }

        try
        {
            if (await AcquireAsync(cancellationToken).ConfigureAwait(false))
            {
                await LeadAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    private async Task<bool> AcquireAsync(CancellationToken cancellationToken)
    {
        LeaderElectionLog.Acquiring(_logger, Identity, _options.LeaseNamespace, _options.LeaseName);
        try
        {
            while (true)
            {
                var acquired = await _lock.TryAcquireOrRenewAsync(cancellationToken).ConfigureAwait(false);
                ReportLeader();
                if (acquired)
                {
                    return true;
                }

                // Jitter keeps candidates that started together from hitting the server in lockstep.
                var wait = _options.RetryPeriod * (1 + (Random.Shared.NextDouble() * LeaderElectionOptions.JitterFactor));
                await Task.Delay(wait, _options.Clock, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private async Task LeadAsync(CancellationToken cancellationToken)
    {
        using var leadership = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _isLeader = true;
        LeaderElectionLog.BecameLeader(_logger, Identity, _options.LeaseNamespace, _options.LeaseName);
        var work = Task.Run(() => _callbacks.OnStartedLeading(leadership.Token), CancellationToken.None);

        var workEnded = await RenewWhileWorkingAsync(work).ConfigureAwait(false);
        _isLeader = false;
        await leadership.CancelAsync().ConfigureAwait(false);
        if (!workEnded)
        {
            LeaderElectionLog.LostLeadership(_logger, Identity, _options.LeaseNamespace, _options.LeaseName, _options.RenewDeadline);
            Notify(_callbacks.OnStoppedLeading);
            await AwaitWorkAsync(work, leadership.Token).ConfigureAwait(false);
            return;
        }

        if (_options.ReleaseOnCancel)
        {
            await ReleaseAsync().ConfigureAwait(false);
        }

        LeaderElectionLog.SteppedDown(_logger, Identity, _options.LeaseNamespace, _options.LeaseName);
        Notify(_callbacks.OnStoppedLeading);
        await AwaitWorkAsync(work, leadership.Token).ConfigureAwait(false);
    }

    /// <summary>
    /// Renews every RetryPeriod until the work returns (true) or a renewal fails for RenewDeadline (false). The run's
    /// token does not stop renewing: the work is still running until it returns, and it must stay the only leader.
    /// </summary>
    private async Task<bool> RenewWhileWorkingAsync(Task work)
    {
        while (true)
        {
            if (await Task.WhenAny(work, Task.Delay(_options.RetryPeriod, _options.Clock)).ConfigureAwait(false) == work)
            {
                return true;
            }

            if (!await RenewAsync().ConfigureAwait(false))
            {
                return false;
            }
        }
    }

    /// <summary>client-go's renew step: try now, then every RetryPeriod, until success or RenewDeadline (which also cuts off a request in flight).</summary>
    private async Task<bool> RenewAsync()
    {
        using var deadline = new CancellationTokenSource(_options.RenewDeadline, _options.Clock);
        try
        {
            while (true)
            {
                var renewed = await _lock.TryAcquireOrRenewAsync(deadline.Token).ConfigureAwait(false);
                ReportLeader();
                if (renewed)
                {
                    return true;
                }

                await Task.Delay(_options.RetryPeriod, _options.Clock, deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            return false;
        }
    }

    // The run's token is already cancelled here: the release gets its own time limit instead.
    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(_options.RenewDeadline, _options.Clock);
        try
        {
            await _lock.ReleaseAsync(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            LeaderElectionLog.ReleaseFailed(_logger, Identity, _options.LeaseNamespace, _options.LeaseName, null);
        }
    }

    private static async Task AwaitWorkAsync(Task work, CancellationToken leadershipToken)
    {
        try
        {
            await work.ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (leadershipToken.IsCancellationRequested)
        {
            // The work stopped because leadership ended, as it should.
        }
    }

    private void ReportLeader()
    {
        // An empty holder is a released Lease, not a new leader.
        var holder = _lock.Observation.HolderIdentity;
        if (holder.Length == 0 || holder == _reportedLeader)
        {
            return;
        }

        _reportedLeader = holder;
        LeaderElectionLog.NewLeader(_logger, _options.LeaseNamespace, _options.LeaseName, holder);
        if (_callbacks.OnNewLeader is { } onNewLeader)
        {
            Notify(() => onNewLeader(holder));
        }
    }

    private void Notify(Action? callback)
    {
        try
        {
            callback?.Invoke();
        }
        catch (Exception e)
        {
            LeaderElectionLog.CallbackFailed(_logger, _options.LeaseNamespace, _options.LeaseName, e);
        }
    }
}
