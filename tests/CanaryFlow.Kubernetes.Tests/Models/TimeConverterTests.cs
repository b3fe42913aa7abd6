using System.Text.Json;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Kubernetes.Tests.Models;

public class TimeConverterTests
{
    [Fact]
    public void Micro_time_is_written_in_utc_with_exactly_six_fractional_digits()
    {
        var local = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(2)).AddTicks(1_234_567);

        Assert.Equal("2026-11-22T08:00:00.123456Z", RenewTimeOnTheWire(local));
        Assert.Equal("2026-11-22T08:00:00.000000Z", RenewTimeOnTheWire(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("2026-11-22T08:00:00.000000Z", 0)]
    [InlineData("2026-11-22T08:00:00.654321Z", 6_543_210)]
    [InlineData("2026-11-22T10:00:00.000001+02:00", 10)]
    public void Micro_time_with_six_digits_is_read(string wire, long ticksAfterEight)
    {
        var spec = KubernetesSerializer.Deserialize<LeaseSpec>($$"""{"renewTime":"{{wire}}"}""");

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 8, 0, 0, TimeSpan.Zero).AddTicks(ticksAfterEight), spec.RenewTime);
        Assert.Equal(TimeSpan.Zero, spec.RenewTime!.Value.Offset);
    }

    [Theory]
    [InlineData("2026-11-22T08:00:00.000Z")]
    [InlineData("2026-11-22T08:00:00Z")]
    [InlineData("2026-11-22T08:00:00.0000000Z")]
    [InlineData("yesterday")]
    public void Micro_time_without_six_digits_is_rejected_like_the_server_does(string wire)
    {
        Assert.Throws<JsonException>(() => KubernetesSerializer.Deserialize<LeaseSpec>($$"""{"renewTime":"{{wire}}"}"""));
    }

    [Fact]
    public void Null_and_absent_times_read_as_null_and_are_left_out()
    {
        var spec = KubernetesSerializer.Deserialize<LeaseSpec>("""{"acquireTime":null,"holderIdentity":"a"}""");
        var meta = KubernetesSerializer.Deserialize<ObjectMeta>("""{"creationTimestamp":null}""");

        Assert.Null(spec.AcquireTime);
        Assert.Null(spec.RenewTime);
        Assert.Null(meta.CreationTimestamp);
        Assert.Equal("""{"holderIdentity":"a"}""", KubernetesSerializer.Serialize(spec));
        Assert.Equal("{}", KubernetesSerializer.Serialize(meta));
    }

    [Fact]
    public void Time_is_written_in_utc_with_whole_seconds()
    {
        var meta = new ObjectMeta { CreationTimestamp = new DateTimeOffset(2026, 11, 22, 9, 20, 49, 999, TimeSpan.FromHours(1)) };

        Assert.Equal("""{"creationTimestamp":"2026-11-22T08:20:49Z"}""", KubernetesSerializer.Serialize(meta));
    }

    [Theory]
    [InlineData("2026-11-22T08:20:49Z")]
    [InlineData("2026-11-22T08:20:49.5Z")]
    [InlineData("2026-11-22T09:20:49+01:00")]
    [InlineData("2026-11-22T08:20:49.000000Z")]
    public void Time_accepts_any_rfc_3339_form(string wire)
    {
        var meta = KubernetesSerializer.Deserialize<ObjectMeta>($$"""{"creationTimestamp":"{{wire}}"}""");

        Assert.Equal(new DateTimeOffset(2026, 11, 22, 8, 20, 49, TimeSpan.Zero), meta.CreationTimestamp!.Value.AddTicks(-(meta.CreationTimestamp.Value.Ticks % TimeSpan.TicksPerSecond)));
    }

    [Theory]
    [InlineData("\"2026-11-22\"")]
    [InlineData("\"not a time\"")]
    [InlineData("1700000000")]
    public void Time_that_is_not_rfc_3339_is_rejected(string wire)
    {
        Assert.Throws<JsonException>(() => KubernetesSerializer.Deserialize<ObjectMeta>($$"""{"creationTimestamp":{{wire}}}"""));
    }

    private static string RenewTimeOnTheWire(DateTimeOffset time) =>
        KubernetesSerializer.SerializeToElement(new LeaseSpec { RenewTime = time }).GetProperty("renewTime").GetString()!;
}
