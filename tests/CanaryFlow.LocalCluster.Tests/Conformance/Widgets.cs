using CanaryFlow.LocalCluster.Tests.Infrastructure;

namespace CanaryFlow.LocalCluster.Tests.Conformance;

/// <summary>
/// The conformance tests' custom resource: Widget (spec.size 1..10 required, spec.color enum with a default,
/// a wide-only Shape column, status and scale subresources). Its group is the suite's own, so other tests in the
/// shared server cannot collide with it.
/// </summary>
public static class Widgets
{
    public const string Group = "conformance.canaryflow.io";
    public const string ApiVersion = Group + "/v1";

    /// <summary>How kubectl names the resource in its messages, e.g. <c>widget.conformance.canaryflow.io/w1 created</c>.</summary>
    public const string Resource = "widget." + Group;

    public const string Crd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata:
          name: widgets.conformance.canaryflow.io
        spec:
          group: conformance.canaryflow.io
          scope: Namespaced
          names: {plural: widgets, singular: widget, kind: Widget, listKind: WidgetList, shortNames: [wdg]}
          versions:
          - name: v1
            served: true
            storage: true
            subresources:
              status: {}
              scale: {specReplicasPath: .spec.replicas, statusReplicasPath: .status.replicas, labelSelectorPath: .status.selector}
            additionalPrinterColumns:
            - {name: Size, type: integer, jsonPath: .spec.size}
            - {name: Color, type: string, jsonPath: .spec.color}
            - {name: Shape, type: string, jsonPath: .spec.shape, priority: 1}
            - {name: Age, type: date, jsonPath: .metadata.creationTimestamp}
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    required: [size]
                    properties:
                      size: {type: integer, minimum: 1, maximum: 10, description: How big the widget is.}
                      color: {type: string, enum: [red, green, blue], default: green}
                      shape: {type: string}
                      replicas: {type: integer, minimum: 0}
                  status:
                    type: object
                    properties:
                      replicas: {type: integer}
                      selector: {type: string}
                      conditions:
                        type: array
                        items:
                          type: object
                          required: [type, status]
                          properties:
                            type: {type: string}
                            status: {type: string}
                            reason: {type: string}
                            message: {type: string}
        """;

    /// <summary>Installs the CRD (applying it again when another test already did is a no-op).</summary>
    public static async Task InstallAsync(Kubectl kubectl) => (await kubectl.ApplyAsync(Crd)).ShouldSucceed();

    /// <summary>A Widget; <paramref name="spec"/> and <paramref name="labels"/> are YAML flow mappings such as <c>{size: 3}</c>.</summary>
    public static string Widget(string ns, string name, string spec, string labels = "{}") => $"""
        apiVersion: {ApiVersion}
        kind: Widget
        metadata:
          name: {name}
          namespace: {ns}
          labels: {labels}
        spec: {spec}
        """;
}
