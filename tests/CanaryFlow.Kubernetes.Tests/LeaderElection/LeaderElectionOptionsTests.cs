using System.Text.RegularExpressions;
using CanaryFlow.Kubernetes.LeaderElection;

namespace CanaryFlow.Kubernetes.Tests.LeaderElection;

public sealed class LeaderElectionOptionsTests
{
    private static readonly LeaderElectionOptions _valid = new() { LeaseNamespace = "canaryflow-system", LeaseName = "canaryflow-leader", Identity = "pod-1_x" };

    [Fact]
    public void Defaults_are_client_go_s_core_component_timings()
    {
        Assert.Equal(TimeSpan.FromSeconds(15), _valid.LeaseDuration);
        Assert.Equal(TimeSpan.FromSeconds(10), _valid.RenewDeadline);
        Assert.Equal(TimeSpan.FromSeconds(2), _valid.RetryPeriod);
        Assert.True(_valid.ReleaseOnCancel);
        Assert.Same(TimeProvider.System, _valid.Clock);
        _valid.Validate();
    }

    [Theory]
    [InlineData(10, 10, 2, "LeaseDuration", "greater than RenewDeadline")]
    [InlineData(15, 2.4, 2, "RenewDeadline", "1.2 × RetryPeriod")]
    [InlineData(2.5, 2, 1, "LeaseDuration", "whole number of seconds")]
    [InlineData(15, 10, 0, "RetryPeriod", "must be positive")]
    public void Timings_that_cannot_work_are_rejected_with_the_reason(double leaseSeconds, double renewSeconds, double retrySeconds, string parameter, string reason)
    {
        var options = _valid with
        {
            LeaseDuration = TimeSpan.FromSeconds(leaseSeconds),
            RenewDeadline = TimeSpan.FromSeconds(renewSeconds),
            RetryPeriod = TimeSpan.FromSeconds(retrySeconds),
        };

        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Equal(parameter, error.ParamName);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_short_test_timings_are_valid()
    {
        var options = _valid with { LeaseDuration = TimeSpan.FromSeconds(2), RenewDeadline = TimeSpan.FromSeconds(1.5), RetryPeriod = TimeSpan.FromSeconds(0.2) };
        options.Validate();
    }

    [Fact]
    public void Missing_names_are_rejected()
    {
        Assert.Equal("Identity", Assert.Throws<ArgumentException>((_valid with { Identity = " " }).Validate).ParamName);
        Assert.Equal("LeaseName", Assert.Throws<ArgumentException>((_valid with { LeaseName = "" }).Validate).ParamName);
        Assert.Equal("LeaseNamespace", Assert.Throws<ArgumentException>((_valid with { LeaseNamespace = "" }).Validate).ParamName);
    }

    [Fact]
    public void A_new_identity_is_the_host_name_and_a_uuid()
    {
        var first = LeaderElectionOptions.NewIdentity();
        var second = LeaderElectionOptions.NewIdentity();

        Assert.Matches(new Regex("^.+_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"), first);
        Assert.StartsWith(Environment.MachineName.ToLowerInvariant() + "_", first, StringComparison.Ordinal);
        Assert.NotEqual(first, second);
    }
}
