using CanaryFlow.LocalCluster.Schema;
using CanaryFlow.LocalCluster.Validation;
using static CanaryFlow.LocalCluster.Tests.Schema.TestSchemas;

namespace CanaryFlow.LocalCluster.Tests.Schema;

/// <summary>The custom resource exchanges of k8s-transcripts-1.24.md, replayed through prune, default and validate.</summary>
public class WidgetTranscriptTests
{
    [Fact]
    public void Create_applies_the_color_default_and_keeps_metadata()
    {
        var body = Node("""
            {"apiVersion": "bars.example.com/v1", "kind": "Widget", "metadata": {"name": "w1", "namespace": "tx", "labels": {"tier": "gold"}}, "spec": {"size": 3}, "status": {"conditions": []}}
            """);

        var pruned = SchemaPruner.Prune(body, Widget, isResourceRoot: true);
        var defaulted = SchemaDefaulter.Default(pruned.Value, Widget);

        Assert.Empty(pruned.UnknownFields);
        Assert.Equal("""{"size":3,"color":"green"}""", defaulted!["spec"]!.ToJsonString());
        Assert.Equal("""{"name":"w1","namespace":"tx","labels":{"tier":"gold"}}""", defaulted["metadata"]!.ToJsonString());
        Assert.Empty(SchemaValidator.Validate(defaulted, Widget));
    }

    [Fact]
    public void Unknown_spec_field_is_pruned_and_reported_for_strict_validation()
    {
        var body = Node("""
            {"apiVersion": "bars.example.com/v1", "kind": "Widget", "metadata": {"name": "w9", "namespace": "tx"}, "spec": {"size": 3, "bogus": 1}}
            """);

        var pruned = SchemaPruner.Prune(body, Widget, isResourceRoot: true);

        Assert.Equal(["spec.bogus"], pruned.UnknownFields);
        Assert.Equal("""{"size":3}""", pruned.Value!["spec"]!.ToJsonString());
        Assert.Equal("""{"size":3,"color":"green"}""", SchemaDefaulter.Default(pruned.Value, Widget)!["spec"]!.ToJsonString());
    }

    [Fact]
    public void Invalid_widget_gives_the_transcripts_causes_in_order()
    {
        var body = Node("""
            {"apiVersion": "bars.example.com/v1", "kind": "Widget", "metadata": {"name": "w-bad", "namespace": "tx"}, "spec": {"size": 42, "color": "purple"}}
            """);

        var errors = SchemaValidator.Validate(SchemaDefaulter.Default(body, Widget), Widget);

        Assert.Collection(errors,
            color =>
            {
                Assert.Equal("FieldValueNotSupported", color.Reason);
                Assert.Equal("spec.color", color.Field);
                Assert.Equal("Unsupported value: \"purple\": supported values: \"red\", \"green\", \"blue\"", color.ErrorBody);
            },
            size =>
            {
                Assert.Equal("FieldValueInvalid", size.Reason);
                Assert.Equal("spec.size", size.Field);
                Assert.Equal("Invalid value: 42: spec.size in body should be less than or equal to 10", size.ErrorBody);
            });
        Assert.Equal(
            "[spec.color: Unsupported value: \"purple\": supported values: \"red\", \"green\", \"blue\", spec.size: Invalid value: 42: spec.size in body should be less than or equal to 10]",
            FieldError.Aggregate(errors));
    }

    [Fact]
    public void Missing_required_size_is_a_required_value()
    {
        var errors = SchemaValidator.Validate(Node("""{"spec": {"color": "red"}}"""), Widget);

        var error = Assert.Single(errors);
        Assert.Equal("spec.size: Required value", error.ToString());
        Assert.Equal("FieldValueRequired", error.Reason);
    }

    [Fact]
    public void Size_below_the_minimum_names_the_bound()
    {
        var error = Assert.Single(SchemaValidator.Validate(Node("""{"spec": {"size": 0}}"""), Widget));

        Assert.Equal("spec.size: Invalid value: 0: spec.size in body should be greater than or equal to 1", error.ToString());
    }

    [Fact]
    public void String_size_is_a_type_error_that_names_the_json_type()
    {
        var error = Assert.Single(SchemaValidator.Validate(Node("""{"spec": {"size": "abc"}}"""), Widget));

        Assert.Equal("FieldValueTypeInvalid", error.Reason);
        Assert.Equal("spec.size: Invalid value: \"string\": spec.size in body must be of type integer: \"string\"", error.ToString());
    }
}
