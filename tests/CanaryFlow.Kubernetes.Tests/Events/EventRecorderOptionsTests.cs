using CanaryFlow.Kubernetes.Events;

namespace CanaryFlow.Kubernetes.Tests.Events;

public sealed class EventRecorderOptionsTests
{
    [Fact]
    public void The_defaults_are_valid_and_name_canaryflow()
    {
        var options = new EventRecorderOptions();
        options.Validate();
        Assert.Equal("canaryflow.io/canaryflow", options.ReportingController);
        Assert.InRange(options.ReportingInstance.Length, 1, 128);
    }

    [Theory]
    [InlineData("canaryflow.io/", "x")]
    [InlineData("not a name", "x")]
    [InlineData("canaryflow.io/canaryflow", "")]
    public void A_reporter_the_server_would_reject_fails_at_start(string controller, string instance)
    {
        var options = new EventRecorderOptions { ReportingController = controller, ReportingInstance = instance };
        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Fact]
    public void A_reporting_instance_over_128_characters_fails_at_start()
    {
        var options = new EventRecorderOptions { ReportingInstance = new string('i', 129) };
        Assert.Throws<ArgumentException>(options.Validate);
    }

    [Fact]
    public void Retry_delays_double_up_to_the_cap()
    {
        var options = new EventRecorderOptions { InitialRetryDelay = TimeSpan.FromSeconds(1), MaxRetryDelay = TimeSpan.FromSeconds(10) };
        Assert.Equal([1, 2, 4, 8, 10, 10], Enumerable.Range(1, 6).Select(a => options.RetryDelay(a).TotalSeconds));
        Assert.Equal(TimeSpan.FromSeconds(10), options.RetryDelay(1000));
    }
}
