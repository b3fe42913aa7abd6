using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CanaryFlow.Cli.Convert;

/// <summary>
/// Argo Rollouts' <c>Rollout</c> (argoproj.io/v1alpha1) as a CanaryFlow Rollout. CanaryFlow follows Argo's field
/// names where the behaviour is the same, so most of a canary Rollout carries over as it is; what has no
/// equivalent (other routers, experiments, header routes, blue-green) is reported, never silently dropped.
/// </summary>
internal static class ArgoRolloutConverter
{
    private const string _gatewayPlugin = "argoproj-labs/gatewayAPI";

    public static JsonObject Convert(JsonObject argo, ConversionScope scope)
    {
        ArgumentNullException.ThrowIfNull(argo);
        ArgumentNullException.ThrowIfNull(scope);
        var result = ArgoMetadata.Head(argo, "Rollout");
        if (argo["spec"] is not JsonObject spec)
        {
            throw new ConversionFailedException("spec", "Required value");
        }

        if (spec["workloadRef"] is not null)
        {
            throw new ConversionFailedException("spec.workloadRef", "CanaryFlow needs the pod template inline in spec.template; copy the referenced Deployment's template there");
        }

        var strategy = spec["strategy"] as JsonObject;
        if (strategy?["blueGreen"] is not null)
        {
            throw new ConversionFailedException("spec.strategy.blueGreen", "CanaryFlow has only the canary strategy; express it as canary steps (e.g. setWeight 0, pause, setWeight 100)");
        }

        var converted = new JsonObject();
        ConversionScope.Copy(spec, converted, "replicas", "selector", "template", "revisionHistoryLimit", "progressDeadlineSeconds", "progressDeadlineAbort", "paused", "restartAt");
        scope.DropOthers(spec, "spec", "replicas", "selector", "template", "revisionHistoryLimit", "progressDeadlineSeconds", "progressDeadlineAbort", "paused", "restartAt", "strategy", "workloadRef");
        converted["strategy"] = new JsonObject { ["canary"] = Canary(strategy?["canary"] as JsonObject ?? [], scope) };
        result["spec"] = converted;
        return result;
    }

    private static JsonObject Canary(JsonObject canary, ConversionScope scope)
    {
        const string path = "spec.strategy.canary";
        var result = new JsonObject();
        ConversionScope.Copy(canary, result, "stableService", "canaryService", "maxSurge", "maxUnavailable", "abortScaleDownDelaySeconds", "scaleDownDelaySeconds");
        string[] handled = ["stableService", "canaryService", "maxSurge", "maxUnavailable", "abortScaleDownDelaySeconds", "scaleDownDelaySeconds", "steps", "analysis", "trafficRouting"];
        scope.DropOthers(canary, path, handled);

        var routed = false;
        if (canary["trafficRouting"] is JsonObject routing && TrafficRouting(routing, scope) is { } router)
        {
            result["trafficRouting"] = router;
            routed = true;
        }

        // Dropping a step moves the ones after it: the background analysis's startingStep follows its step.
        var newIndex = new Dictionary<int, int>();
        if (canary["steps"] is JsonArray steps)
        {
            var converted = new JsonArray();
            for (var i = 0; i < steps.Count; i++)
            {
                newIndex[i] = converted.Count;
                if (steps[i] is JsonObject step && Step(step, $"{path}.steps[{i}]", routed, scope) is { } kept)
                {
                    converted.Add((JsonNode)kept);
                }
            }

            newIndex[steps.Count] = converted.Count;
            result["steps"] = converted;
        }

        if (canary["analysis"] is JsonObject background)
        {
            var analysis = Analysis(background, path + ".analysis", scope);
            if (IntegerOf(background["startingStep"]) is { } index)
            {
                analysis["startingStep"] = newIndex.TryGetValue((int)index, out var moved) ? moved : index;
            }

            result["analysis"] = analysis;
        }

        return result;
    }

    private static JsonObject? TrafficRouting(JsonObject routing, ConversionScope scope)
    {
        const string path = "spec.strategy.canary.trafficRouting";
        JsonObject? result = null;
        if (routing["nginx"] is JsonObject nginx)
        {
            var stable = nginx["stableIngress"]?.DeepClone() ?? (nginx["stableIngresses"] as JsonArray)?.FirstOrDefault()?.DeepClone();
            if (nginx["stableIngresses"] is JsonArray { Count: > 1 })
            {
                scope.Note(path + ".nginx.stableIngresses", "CanaryFlow routes one Ingress; only the first was kept");
            }

            result = new JsonObject { ["nginx"] = new JsonObject { ["stableIngress"] = stable } };
            scope.DropOthers(nginx, path + ".nginx", "stableIngress", "stableIngresses");
        }

        if (routing["plugins"] is JsonObject plugins)
        {
            foreach (var (plugin, config) in plugins)
            {
                if (plugin != _gatewayPlugin || config is not JsonObject gateway || result is not null)
                {
                    scope.Note($"{path}.plugins.{plugin}", "no equivalent router in CanaryFlow; dropped");
                    continue;
                }

                var route = gateway["httpRoute"]?.DeepClone() ?? ((gateway["httpRoutes"] as JsonArray)?.FirstOrDefault() as JsonObject)?["name"]?.DeepClone();
                if (gateway["httpRoutes"] is JsonArray { Count: > 1 })
                {
                    scope.Note($"{path}.plugins.{plugin}.httpRoutes", "CanaryFlow routes one HTTPRoute; only the first was kept");
                }

                var converted = new JsonObject { ["httpRoute"] = route };
                ConversionScope.Copy(gateway, converted, "namespace");
                result = new JsonObject { ["gatewayAPI"] = converted };
                scope.DropOthers(gateway, $"{path}.plugins.{plugin}", "httpRoute", "httpRoutes", "namespace");
            }
        }

        scope.DropOthers(routing, path, "nginx", "plugins");
        if (result is null)
        {
            scope.Note(path, "no router CanaryFlow has (Gateway API, NGINX); without one the weight is approximated by the replica ratio");
        }

        return result;
    }

    private static JsonObject? Step(JsonObject step, string path, bool routed, ConversionScope scope)
    {
        if (step["setWeight"] is { } weight)
        {
            return new JsonObject { ["setWeight"] = weight.DeepClone() };
        }

        if (step["pause"] is JsonObject pause)
        {
            var converted = new JsonObject();
            ConversionScope.Copy(pause, converted, "duration");
            return new JsonObject { ["pause"] = converted };
        }

        if (step["analysis"] is JsonObject analysis)
        {
            return new JsonObject { ["analysis"] = Analysis(analysis, path + ".analysis", scope) };
        }

        if (step["setCanaryScale"] is JsonObject scale)
        {
            if (!routed)
            {
                scope.Note(path + ".setCanaryScale", "needs a traffic router in CanaryFlow and there is none; the step was dropped");
                return null;
            }

            var converted = new JsonObject();
            ConversionScope.Copy(scale, converted, "weight", "replicas", "matchTrafficWeight");
            return new JsonObject { ["setCanaryScale"] = converted };
        }

        var kind = step.Select(kv => kv.Key).FirstOrDefault() ?? "(empty)";
        scope.Note($"{path}.{kind}", "no equivalent step in CanaryFlow; the step was dropped");
        return null;
    }

    private static JsonObject Analysis(JsonObject analysis, string path, ConversionScope scope)
    {
        var result = new JsonObject();
        if (analysis["templates"] is JsonArray templates)
        {
            var converted = new JsonArray();
            for (var i = 0; i < templates.Count; i++)
            {
                if (templates[i] is JsonObject template)
                {
                    var reference = new JsonObject();
                    ConversionScope.Copy(template, reference, "templateName", "clusterScope");
                    scope.DropOthers(template, string.Create(CultureInfo.InvariantCulture, $"{path}.templates[{i}]"), "templateName", "clusterScope");
                    converted.Add((JsonNode)reference);
                }
            }

            result["templates"] = converted;
        }

        if (analysis["args"] is JsonArray args)
        {
            result["args"] = Arguments(args, path + ".args", scope);
        }

        scope.DropOthers(analysis, path, "templates", "args", "startingStep");
        return result;
    }

    /// <summary>Arguments of a Rollout's analysis: inline values and pod-template hashes carry over; fieldRef does not.</summary>
    public static JsonArray Arguments(JsonArray args, string path, ConversionScope scope)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(scope);
        var result = new JsonArray();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] is not JsonObject arg)
            {
                continue;
            }

            var field = string.Create(CultureInfo.InvariantCulture, $"{path}[{i}]");
            var converted = new JsonObject();
            ConversionScope.Copy(arg, converted, "name", "value");
            if (arg["valueFrom"] is JsonObject from)
            {
                var valueFrom = new JsonObject();
                ConversionScope.Copy(from, valueFrom, "podTemplateHashValue", "secretKeyRef");
                scope.DropOthers(from, field + ".valueFrom", "podTemplateHashValue", "secretKeyRef");
                if (valueFrom.Count == 0)
                {
                    scope.Note(field, $"argument {arg["name"]} has no value CanaryFlow can resolve; give it a value");
                    continue;
                }

                converted["valueFrom"] = valueFrom;
            }

            scope.DropOthers(arg, field, "name", "value", "valueFrom");
            result.Add((JsonNode)converted);
        }

        return result;
    }

    /// <summary>Whether a node is a whole number (Argo allows "{{args.x}}" strings in some integer fields; CanaryFlow does not).</summary>
    public static bool IsInteger(JsonNode? node) => IntegerOf(node) is not null;

    /// <summary>The whole number a node holds, whether it was read from YAML (a long) or JSON (an element).</summary>
    private static long? IntegerOf(JsonNode? node) =>
        node?.GetValueKind() == JsonValueKind.Number && long.TryParse(node.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) ? value : null;
}
