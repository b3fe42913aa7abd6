using System.Text.Json.Nodes;
using CanaryFlow.Core.Durations;
using CanaryFlow.Kubernetes.Models;
using CanaryFlow.Kubernetes.Serialization;

namespace CanaryFlow.Core.Tests.Durations;

public class KubernetesDurationJsonTests
{
    [Theory]
    [InlineData("""{"duration": 30}""", 30)]
    [InlineData("""{"duration": 30.0}""", 30)]
    [InlineData("""{"duration": 3e2}""", 300)]
    [InlineData("""{"duration": 0}""", 0)]
    [InlineData("""{"duration": "30"}""", 30)]
    [InlineData("""{"duration": "5m"}""", 300)]
    [InlineData("""{"duration": "1h30m"}""", 5400)]
    public void Pause_durations_read_from_json_numbers_and_strings(string pause, int seconds)
    {
        var node = JsonNode.Parse(pause)!["duration"];

        Assert.True(KubernetesDuration.TryRead(node, out var value, out var error), error);
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Theory]
    [InlineData("""{"duration": 1.5}""", "duration 1.5 must be a whole number of seconds (or a string such as \"1.5s\")")]
    [InlineData("""{"duration": 1e30}""", "duration 1e30 must be a whole number of seconds (or a string such as \"1.5s\")")]
    [InlineData("""{"duration": -30}""", "duration -30 is negative; durations must be zero or more")]
    [InlineData("""{"duration": "-30s"}""", "duration \"-30s\" is negative; durations must be zero or more")]
    [InlineData("""{"duration": ""}""", "duration is empty")]
    [InlineData("""{"duration": null}""", "duration is missing")]
    [InlineData("""{}""", "duration is missing")]
    [InlineData("""{"duration": true}""", "duration must be a string such as \"30s\" or a whole number of seconds, not true")]
    [InlineData("""{"duration": {"seconds": 30}}""", "duration must be a string such as \"30s\" or a whole number of seconds, not object")]
    public void Unusable_json_values_are_rejected_with_a_reason(string pause, string message)
    {
        var node = JsonNode.Parse(pause)!["duration"];

        Assert.False(KubernetesDuration.TryRead(node, out _, out var error));
        Assert.Equal(message, error);
    }

    [Theory]
    [InlineData("30", 30)]
    [InlineData("\"30\"", 30)]
    [InlineData("\"2h45m30s\"", 9930)]
    public void Int_or_string_fields_parse_like_argo_rollouts_pause_duration(string json, int seconds)
    {
        var duration = KubernetesSerializer.Deserialize<IntOrString>(json);

        Assert.True(KubernetesDuration.TryParse(duration, out var value, out var error), error);
        Assert.Equal(TimeSpan.FromSeconds(seconds), value);
    }

    [Fact]
    public void A_negative_int_or_string_number_is_rejected()
    {
        Assert.False(KubernetesDuration.TryParse(IntOrString.FromInt32(-5), out _, out var error));
        Assert.Equal("duration -5 is negative; durations must be zero or more", error);
    }
}
