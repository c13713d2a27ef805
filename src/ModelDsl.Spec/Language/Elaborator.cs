using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Diagnostics;
using ModelDsl.Spec.Graph;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Shapes;
using ModelDsl.Spec.Text;

namespace ModelDsl.Spec.Language
{
    /// <summary>
    /// Expands one model of a parsed file into a <see cref="ModelGraph"/>: evaluates arguments, inlines
    /// blocks, unrolls repeats, decides conditionals, wires forks, and names every module.
    /// Naming follows nn.Sequential: every child of a scope (model body, block body, group) takes the
    /// next index; its path segment is its label when labelled, else that index.
    /// </summary>
    internal sealed class Elaborator
    {
        /// <summary>Expansion stops past this many layers (a typo like repeat 1000000 must not hang the IDE).</summary>
        public const int MaxNodes = 5000;

        private readonly Dictionary<string, Decl> _blocks;
        private readonly List<SpecDiagnostic> _diagnostics;
        private readonly Evaluator _evaluator;
        private readonly Stack<string> _callStack = new Stack<string>();
        private readonly CancellationToken _cancellationToken;
        private ModelGraphBuilder _builder = null!;
        private bool _tooLarge;
        private int _bodyDepth;

        /// <summary>Nesting limit across block calls, groups and branches (keeps recursion off the stack's edge).</summary>
        public const int MaxNesting = 128;

        private sealed class Scope
        {
            public Scope(string prefix)
            {
                Prefix = prefix;
            }

            public string Prefix { get; }

            public int Next { get; set; }

            public string ChildPath(string? label)
            {
                var segment = label ?? Next.ToString(CultureInfo.InvariantCulture);
                Next++;
                return Prefix.Length == 0 ? segment : Prefix + "." + segment;
            }
        }

        public Elaborator(Dictionary<string, Decl> blocks, List<SpecDiagnostic> diagnostics, CancellationToken cancellationToken)
        {
            _blocks = blocks;
            _diagnostics = diagnostics;
            _evaluator = new Evaluator(diagnostics);
            _cancellationToken = cancellationToken;
        }

        /// <summary>Expands <paramref name="model"/>; returns null when its input shape cannot be determined.</summary>
        public ModelGraph? Elaborate(Decl model, IReadOnlyDictionary<string, ArgValue>? overrides)
        {
            _builder = new ModelGraphBuilder(model.Name, model.NameSpan);
            var env = new Dictionary<string, ArgValue>(StringComparer.Ordinal);
            foreach (var p in model.Params)
            {
                if (env.ContainsKey(p.Name))
                {
                    Report(DiagnosticCatalog.DuplicateName, p.Span, p.Name);
                    continue;
                }
                if (overrides != null && overrides.TryGetValue(p.Name, out var given))
                {
                    env[p.Name] = given;
                }
                else if (p.Default != null)
                {
                    var v = _evaluator.Eval(p.Default, env);
                    if (v != null) env[p.Name] = v;
                }
                else
                {
                    Report(DiagnosticCatalog.WrongArgumentCount, p.Span, "model " + model.Name, "a default for parameter '" + p.Name + "'", "none");
                }
            }
            if (overrides != null)
            {
                foreach (var key in overrides.Keys.Where(k => model.Params.All(p => p.Name != k)))
                {
                    Report(DiagnosticCatalog.UnknownArgument, model.NameSpan, "model " + model.Name, key);
                }
            }
            if (!env.TryGetValue("input", out var input) || ArgumentConverter.Validate(ArgumentKind.Shape, input) != null)
            {
                var at = model.Params.FirstOrDefault(p => p.Name == "input")?.Span ?? model.NameSpan;
                Report(DiagnosticCatalog.MissingInput, at, model.Name);
                return null;
            }
            var inputSpan = model.Params.First(p => p.Name == "input").Span;
            var inputId = _builder.AddInput(ArgumentConverter.ToShape(input), inputSpan);
            ReserveTopLevelLabels(model.Body);
            Body(model.Body, env, new Scope(string.Empty), inputId);
            return _builder.Build();
        }

        // Top-level labels become display names as they are (nested ones are dotted paths and cannot
        // clash): reserve them up front so an earlier unlabelled layer is not auto-named the same.
        private void ReserveTopLevelLabels(IReadOnlyList<Stmt> body)
        {
            foreach (var stmt in body)
            {
                switch (stmt)
                {
                    case CallStmt { Label: { } label }:
                        _builder.ReserveDisplayName(label);
                        break;
                    case ForkStmt fork:
                        if (fork.Merge.Label is { } mergeLabel) _builder.ReserveDisplayName(mergeLabel);
                        foreach (var branch in fork.Branches) ReserveTopLevelLabels(branch);
                        break;
                    case IfStmt cond:
                        ReserveTopLevelLabels(cond.Then);
                        ReserveTopLevelLabels(cond.Else);
                        break;
                    case RepeatStmt repeat:
                        ReserveTopLevelLabels(repeat.Body);
                        break;
                    case ResidualStmt residual:
                        ReserveTopLevelLabels(residual.Body);
                        break;
                }
            }
        }

        private int Body(IReadOnlyList<Stmt> body, Dictionary<string, ArgValue> env, Scope scope, int input)
        {
            if (_tooLarge || body.Count == 0) return input;
            if (++_bodyDepth > MaxNesting)
            {
                _tooLarge = true;
                Report(DiagnosticCatalog.TooLarge, body[0].Span, _builder.Count);
                _bodyDepth--;
                return input;
            }
            try
            {
                return Statements(body, env, scope, input);
            }
            finally
            {
                _bodyDepth--;
            }
        }

        private int Statements(IReadOnlyList<Stmt> body, Dictionary<string, ArgValue> env, Scope scope, int input)
        {
            var current = input;
            foreach (var stmt in body)
            {
                _cancellationToken.ThrowIfCancellationRequested();
                if (_tooLarge) return current;
                if (_builder.Count > MaxNodes)
                {
                    _tooLarge = true;
                    Report(DiagnosticCatalog.TooLarge, stmt.Span, MaxNodes);
                    return current;
                }
                current = Statement(stmt, env, scope, current);
            }
            return current;
        }

        private int Statement(Stmt stmt, Dictionary<string, ArgValue> env, Scope scope, int input)
        {
            switch (stmt)
            {
                case CallStmt call:
                    return Call(call, env, scope, input);
                case GroupStmt group:
                    var groupPath = scope.ChildPath(group.Label);
                    _builder.AddContainer(groupPath, "Sequential", group.Span);
                    return Body(group.Body, env, new Scope(groupPath), input);
                case IfStmt cond:
                    var which = _evaluator.EvalBool(cond.Condition, env);
                    if (which is null) return input;
                    return Body(which.Value ? cond.Then : cond.Else, env, scope, input);
                case RepeatStmt repeat:
                    return Repeat(repeat, env, scope, input);
                case ForkStmt fork:
                    return Fork(fork, env, scope, input);
                case ResidualStmt residual:
                    var wanted = residual.Condition is null ? true : _evaluator.EvalBool(residual.Condition, env);
                    if (wanted is null) return input;
                    var end = Body(residual.Body, env, scope, input);
                    if (wanted == false) return end;
                    return _builder.Add(new AddLayer(), residual.Span, scope.ChildPath(null), null, new[] { end, input });
                default:
                    return input;
            }
        }

        private int Repeat(RepeatStmt repeat, Dictionary<string, ArgValue> env, Scope scope, int input)
        {
            var count = _evaluator.Eval(repeat.Count, env);
            if (count is null) return input;
            if (count.Kind != ArgValueKind.Int || count.Int < 0)
            {
                Report(DiagnosticCatalog.TypeMismatch, repeat.Count.Span, "a non-negative integer repeat count", count.TypeName + " '" + count + "'");
                return input;
            }
            var current = input;
            for (var i = 0; i < count.Int && !_tooLarge; i++)
            {
                current = Body(repeat.Body, env, scope, current);
            }
            return current;
        }

        private int Fork(ForkStmt fork, Dictionary<string, ArgValue> env, Scope scope, int input)
        {
            var ends = new List<int>();
            foreach (var branch in fork.Branches)
            {
                ends.Add(Body(branch, env, scope, input));
            }
            if (!LayerCatalog.TryGet(fork.Merge.Name, out var descriptor) || (descriptor.Kind != LayerKind.Add && descriptor.Kind != LayerKind.Concatenate))
            {
                Report(DiagnosticCatalog.BadMerge, fork.Merge.NameSpan, "A fork merges with 'add' or 'concat', not '" + fork.Merge.Name + "'");
                return input;
            }
            return AddLayerNode(fork.Merge, descriptor, env, scope, ends.ToArray(), input);
        }

        private int Call(CallStmt call, Dictionary<string, ArgValue> env, Scope scope, int input)
        {
            if (_blocks.TryGetValue(call.Name, out var block))
            {
                return BlockCall(call, block, env, scope, input);
            }
            if (!LayerCatalog.TryGet(call.Name, out var descriptor))
            {
                var isBlockName = call.Name.Length > 0 && char.IsUpper(call.Name[0]);
                Report(isBlockName ? DiagnosticCatalog.UnknownBlock : DiagnosticCatalog.UnknownLayer, call.NameSpan, call.Name);
                return input;
            }
            if (descriptor.Kind == LayerKind.Add || descriptor.Kind == LayerKind.Concatenate)
            {
                Report(DiagnosticCatalog.BadMerge, call.NameSpan, "'" + call.Name + "' merges branches: write 'fork " + call.Name + " { ... } { ... }' or 'residual { ... }'");
                return input;
            }
            return AddLayerNode(call, descriptor, env, scope, new[] { input }, input);
        }

        private int AddLayerNode(CallStmt call, LayerDescriptor descriptor, Dictionary<string, ArgValue> env, Scope scope, int[] inputs, int fallback)
        {
            if (!EvaluateArgs(call, env, out var positional, out var named, out var label)) return fallback;
            var layer = descriptor.Bind(positional, named, call.Span, _diagnostics);
            if (layer is null) return fallback;
            var path = scope.ChildPath(label);
            var display = label is null ? null : path;
            return _builder.Add(layer, call.Span, path, display, inputs);
        }

        private bool EvaluateArgs(CallStmt call, Dictionary<string, ArgValue> env, out List<ArgValue> positional, out List<NamedArgValue> named, out string? label)
        {
            positional = new List<ArgValue>();
            named = new List<NamedArgValue>();
            label = call.Label;
            var ok = true;
            foreach (var arg in call.Args)
            {
                if (arg.Name == "name")
                {
                    // name= is the generic label override; a bare identifier is taken literally.
                    if (arg.Value is NameExpr n) label = n.Name;
                    else if (arg.Value is LiteralExpr { Value: { Kind: ArgValueKind.String } s } && IsIdentifier(s.Text)) label = s.Text;
                    else
                    {
                        Report(DiagnosticCatalog.BadArgument, arg.Value.Span, "name", call.Name, "expected an identifier");
                        ok = false;
                    }
                    continue;
                }
                var value = _evaluator.Eval(arg.Value, env);
                if (value is null)
                {
                    ok = false;
                    continue;
                }
                value = value.At(arg.Value.Span);
                if (arg.Name is null) positional.Add(value);
                else named.Add(new NamedArgValue(arg.Name, value, arg.NameSpan));
            }
            return ok;
        }

        private static bool IsIdentifier(string text)
            => text.Length > 0 && (char.IsLetter(text[0]) || text[0] == '_') && text.All(c => char.IsLetterOrDigit(c) || c == '_') && text.All(c => c < 128);

        private int BlockCall(CallStmt call, Decl block, Dictionary<string, ArgValue> env, Scope scope, int input)
        {
            if (_callStack.Contains(block.Name))
            {
                Report(DiagnosticCatalog.RecursiveBlock, call.NameSpan, block.Name, string.Join(" > ", _callStack.Reverse().Concat(new[] { block.Name })));
                return input;
            }
            if (!EvaluateArgs(call, env, out var positional, out var named, out var label)) return input;
            var inner = new Dictionary<string, ArgValue>(StringComparer.Ordinal);
            if (positional.Count > block.Params.Count)
            {
                Report(DiagnosticCatalog.WrongArgumentCount, positional[block.Params.Count].Span, block.Name,
                    Plural("at most", block.Params.Count), positional.Count.ToString(CultureInfo.InvariantCulture));
                return input;
            }
            var ok = true;
            for (var i = 0; i < positional.Count; i++) inner[block.Params[i].Name] = positional[i];
            foreach (var arg in named)
            {
                if (block.Params.All(p => p.Name != arg.Name))
                {
                    Report(DiagnosticCatalog.UnknownArgument, arg.NameSpan, block.Name, arg.Name);
                    ok = false;
                }
                else if (inner.ContainsKey(arg.Name))
                {
                    Report(DiagnosticCatalog.DuplicateName, arg.NameSpan, arg.Name);
                    ok = false;
                }
                else
                {
                    inner[arg.Name] = arg.Value;
                }
            }
            foreach (var p in block.Params)
            {
                if (inner.ContainsKey(p.Name)) continue;
                if (p.Default is null)
                {
                    if (ok)
                    {
                        Report(DiagnosticCatalog.WrongArgumentCount, call.Span, block.Name,
                            Plural("at least", block.Params.Count(q => q.Default is null)),
                            (positional.Count + named.Count).ToString(CultureInfo.InvariantCulture) + " (missing '" + p.Name + "')");
                    }
                    ok = false;
                    continue;
                }
                // Defaults may refer to earlier parameters of the same block.
                var v = _evaluator.Eval(p.Default, inner);
                if (v is null) ok = false;
                else inner[p.Name] = v;
            }
            if (!ok) return input;
            _callStack.Push(block.Name);
            try
            {
                var blockPath = scope.ChildPath(label);
                _builder.AddContainer(blockPath, block.Name, call.Span);
                return Body(block.Body, inner, new Scope(blockPath), input);
            }
            finally
            {
                _callStack.Pop();
            }
        }

        private static string Plural(string bound, int count)
            => bound + " " + count.ToString(CultureInfo.InvariantCulture) + (count == 1 ? " argument" : " arguments");

        private void Report(SpecDiagnosticDescriptor descriptor, SourceSpan span, params object[] args)
            => _diagnostics.Add(SpecDiagnostic.Create(descriptor, span, args));
    }
}
