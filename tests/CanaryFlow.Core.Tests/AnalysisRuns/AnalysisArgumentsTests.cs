using CanaryFlow.Core.Analysis;
using CanaryFlow.Core.Api;

namespace CanaryFlow.Core.Tests.AnalysisRuns;

public sealed class AnalysisArgumentsTests
{
    private static readonly Dictionary<string, ArgumentValue> _values = new()
    {
        ["service"] = new ArgumentValue("api", Secret: false),
        ["token"] = new ArgumentValue("s3cr3t", Secret: true),
    };

    [Fact]
    public void Placeholders_are_replaced_and_secrets_masked_in_what_is_shown()
    {
        var text = AnalysisArguments.Substitute("sum(rate(x{service=\"{{args.service}}\",t=\"{{ args.token }}\"}[1m]))", _values, out var problem);

        Assert.Null(problem);
        Assert.Equal("sum(rate(x{service=\"api\",t=\"s3cr3t\"}[1m]))", text.Text);
        Assert.Equal("sum(rate(x{service=\"api\",t=\"*****\"}[1m]))", text.Shown);
    }

    [Fact]
    public void An_unknown_argument_is_a_problem_not_a_literal_in_the_query()
    {
        AnalysisArguments.Substitute("x{a=\"{{args.nope}}\"}", _values, out var problem);
        Assert.Equal("unknown argument nope in \"x{a=\"{{args.nope}}\"}\"", problem);
    }

    [Fact]
    public void Secrets_are_masked_anywhere_in_a_message() =>
        Assert.Equal("401 for token ***** at api", AnalysisArguments.MaskSecrets("401 for token s3cr3t at api", _values));

    [Fact]
    public void Rollout_values_override_template_defaults_and_hashes_are_filled_in()
    {
        AnalysisArgument[] template =
        [
            new() { Name = "service", Value = "default" },
            new() { Name = "hash", ValueFrom = new ArgumentValueFrom { PodTemplateHashValue = "Latest" } },
            new() { Name = "stable", ValueFrom = new ArgumentValueFrom { PodTemplateHashValue = "Stable" } },
            new() { Name = "keep" , Value = "k" },
            new() { Name = "token", ValueFrom = new ArgumentValueFrom { SecretKeyRef = new SecretKeySelector { Name = "s", Key = "t" } } },
        ];
        AnalysisArgument[] rollout = [new() { Name = "service", Value = "api" }, new() { Name = "keep" }];

        var merged = AnalysisArguments.Merge(template, rollout, "stablehash", "canaryhash", out var problem);

        Assert.Null(problem);
        Assert.Equal(["api", "canaryhash", "stablehash", "k", null], merged.Select(a => a.Value));
        Assert.NotNull(merged[4].ValueFrom!.SecretKeyRef);
    }

    [Fact]
    public void An_argument_without_a_value_is_a_problem()
    {
        AnalysisArguments.Merge([new AnalysisArgument { Name = "service" }], null, "s", "c", out var problem);
        Assert.Equal("argument service has no value", problem);
    }
}
