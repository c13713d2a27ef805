using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using ModelDsl.Spec.Catalog;
using ModelDsl.Spec.Collections;
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

        // Call sites of the block instances and repeat iterations being expanded, outermost first.
        private readonly List<SpecNote> _sites = new List<SpecNote>();

        // Layer defaults in force: file-level ones, then 'defaults' statements of the enclosing bodies.
        private Dictionary<LayerDescriptor, List<NamedArgValue>> _defaults = new Dictionary<LayerDescriptor, List<NamedArgValue>>();

        /// <summary>File-level <c>defaults</c> statements, applied before every model.</summary>
        public IReadOnlyList<DefaultsStmt> FileDefaults { get; set; } = new DefaultsStmt[0];

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

            /// <summary>The label of a macro call, given to the first child the macro creates.</summary>
            public string? PendingLabel { get; set; }

            public string ChildPath(string? label)
            {
                if (label is null && PendingLabel != null) label = PendingLabel;
                PendingLabel = null;
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
            _defaults = new Dictionary<LayerDescriptor, List<NamedArgValue>>();
            var empty = new Dictionary<string, ArgValue>(StringComparer.Ordinal);
            foreach (var d in FileDefaults) Defaults(d, empty);
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
            // 'defaults' statements hold until the end of the body they are written in.
            var saved = _defaults;
            try
            {
                return Statements(body, env, scope, input);
            }
            finally
            {
                _defaults = saved;
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
                var mark = _diagnostics.Count;
                current = Statement(stmt, env, scope, current);
                Locate(mark);
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
                    var groupLabel = group.LabelExpr is null ? group.Label : Label(group.LabelExpr, env);
                    if (groupLabel is null) return input;
                    var groupPath = scope.ChildPath(groupLabel);
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
                case DefaultsStmt defaults:
                    Defaults(defaults, env);
                    return input;
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
            if (repeat.Variable != null) return RepeatOver(repeat, count, env, scope, input);
            if (count.Kind != ArgValueKind.Int || count.Int < 0)
            {
                Report(DiagnosticCatalog.TypeMismatch, repeat.Count.Span, "a non-negative integer repeat count", count.TypeName + " '" + count + "'");
                return input;
            }
            var current = input;
            for (var i = 0; i < count.Int && !_tooLarge; i++)
            {
                current = Iteration(repeat, i, env, scope, current);
            }
            return current;
        }

        // repeat i in 1..n / repeat v in cfg: the body once per element, with the variable bound to it.
        private int RepeatOver(RepeatStmt repeat, ArgValue values, Dictionary<string, ArgValue> env, Scope scope, int input)
        {
            if (values.Kind != ArgValueKind.List && values.Kind != ArgValueKind.Tuple)
            {
                Report(DiagnosticCatalog.TypeMismatch, repeat.Count.Span, "a list or range to repeat over (repeat i in 1..n)", values.TypeName + " '" + values + "'");
                return input;
            }
            var items = values.Kind == ArgValueKind.List ? values.Elements.ToList() : values.Items.Select(i => ArgValue.OfInt(i, values.Span)).ToList();
            var inner = new Dictionary<string, ArgValue>(env, StringComparer.Ordinal);
            var current = input;
            for (var i = 0; i < items.Count && !_tooLarge; i++)
            {
                inner[repeat.Variable!] = items[i];
                current = Iteration(repeat, i, inner, scope, current);
            }
            return current;
        }

        private int Iteration(RepeatStmt repeat, int index, Dictionary<string, ArgValue> env, Scope scope, int input)
        {
            var keyword = SourceSpan.OnLine(repeat.Span.Path, repeat.Span.Start, "repeat".Length, repeat.Span.Line, repeat.Span.Column);
            _sites.Add(new SpecNote(keyword, "in iteration " + (index + 1).ToString(CultureInfo.InvariantCulture) + " of this repeat"));
            try
            {
                var mark = _diagnostics.Count;
                var end = Body(repeat.Body, env, scope, input);
                Locate(mark);
                return end;
            }
            finally
            {
                _sites.RemoveAt(_sites.Count - 1);
            }
        }

        // Attaches the current call sites (innermost first) to diagnostics reported since mark that have none.
        private void Locate(int mark)
        {
            if (_sites.Count == 0) return;
            for (var i = mark; i < _diagnostics.Count; i++)
            {
                if (_diagnostics[i].Notes.Any(n => n.Message.StartsWith("in ", StringComparison.Ordinal))) continue;
                _diagnostics[i] = _diagnostics[i].WithNotes(CurrentSites());
            }
        }

        private EquatableArray<SpecNote> CurrentSites() => Enumerable.Reverse(_sites).ToEquatableArray();

        // defaults layer(name=value, ...): validated now, applied to every later call of the layer in scope.
        private void Defaults(DefaultsStmt stmt, Dictionary<string, ArgValue> env)
        {
            var call = stmt.Call;
            if (!LayerCatalog.TryGet(call.Name, out var descriptor))
            {
                Report(DiagnosticCatalog.UnknownLayer, call.NameSpan, call.Name);
                SuggestLast(call.Name, call.NameSpan, LayerCatalog.Keywords);
                return;
            }
            var list = new List<NamedArgValue>();
            foreach (var arg in call.Args)
            {
                if (arg.Name is null)
                {
                    Report(DiagnosticCatalog.BadDefaults, arg.Value.Span, call.Name, "arguments must be named (defaults batchnorm(eps=0.00001))");
                    continue;
                }
                var desc = descriptor.Arguments.FirstOrDefault(a => a.Name == arg.Name);
                if (desc is null)
                {
                    Report(DiagnosticCatalog.UnknownArgument, arg.NameSpan, call.Name, arg.Name);
                    SuggestLast(arg.Name, arg.NameSpan, descriptor.Arguments.Select(a => a.Name));
                    continue;
                }
                var value = _evaluator.Eval(arg.Value, env);
                if (value is null) continue;
                var error = ArgumentConverter.Validate(desc.Kind, value);
                if (error != null)
                {
                    Report(DiagnosticCatalog.BadArgument, arg.Value.Span, desc.Name, call.Name, error);
                    continue;
                }
                list.Add(new NamedArgValue(arg.Name, value.At(arg.Value.Span), arg.NameSpan));
            }
            var next = new Dictionary<LayerDescriptor, List<NamedArgValue>>(_defaults);
            var merged = next.TryGetValue(descriptor, out var old) ? old.Where(o => list.All(n => n.Name != o.Name)).ToList() : new List<NamedArgValue>();
            merged.AddRange(list);
            next[descriptor] = merged;
            _defaults = next;
        }

        private void SuggestLast(string name, SourceSpan span, IEnumerable<string> candidates)
        {
            var best = Suggestions.Closest(name, candidates);
            if (best is null) return;
            var last = _diagnostics.Count - 1;
            _diagnostics[last] = _diagnostics[last].WithNote(span, "did you mean '" + best + "'?");
        }

        private int Fork(ForkStmt fork, Dictionary<string, ArgValue> env, Scope scope, int input)
        {
            var ends = new List<int>();
            foreach (var branch in fork.Branches)
            {
                ends.Add(Body(branch, env, scope, input));
            }
            if (!LayerCatalog.TryGet(fork.Merge.Name, out var descriptor) || !IsMerge(descriptor.Kind))
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
                SuggestLast(call.Name, call.NameSpan, isBlockName ? _blocks.Keys.Concat(LayerCatalog.Keywords) : LayerCatalog.Keywords.Concat(_blocks.Keys));
                return input;
            }
            if (IsMerge(descriptor.Kind))
            {
                Report(DiagnosticCatalog.BadMerge, call.NameSpan, "'" + call.Name + "' merges branches: write 'fork " + call.Name + " { ... } { ... }' or 'residual { ... }'");
                return input;
            }
            return AddLayerNode(call, descriptor, env, scope, new[] { input }, input);
        }

        private static bool IsMerge(LayerKind kind) => kind == LayerKind.Add || kind == LayerKind.Concatenate || kind == LayerKind.Multiply;

        private int AddLayerNode(CallStmt call, LayerDescriptor descriptor, Dictionary<string, ArgValue> env, Scope scope, int[] inputs, int fallback)
        {
            if (!EvaluateArgs(call, env, out var positional, out var named, out var label)) return fallback;
            if (_defaults.TryGetValue(descriptor, out var defaults))
            {
                // A default fills an argument the call leaves out (neither by position nor by name).
                foreach (var d in defaults)
                {
                    var position = IndexOf(descriptor, d.Name);
                    if (position >= positional.Count && named.All(n => n.Name != d.Name)) named.Add(d);
                }
            }
            var mark = _diagnostics.Count;
            var layer = descriptor.Bind(positional, named, call.Span, _diagnostics);
            for (var i = mark; i < _diagnostics.Count; i++)
            {
                if (_diagnostics[i].Descriptor == DiagnosticCatalog.UnknownArgument && named.FirstOrDefault(n => n.Name == _diagnostics[i].Arguments[1]) is { } wrong
                    && Suggestions.Closest(wrong.Name, descriptor.Arguments.Select(a => a.Name)) is { } best)
                {
                    _diagnostics[i] = _diagnostics[i].WithNote(wrong.NameSpan, "did you mean '" + best + "'?");
                }
            }
            if (layer is null) return fallback;
            var path = scope.ChildPath(label);
            var display = label is null ? null : path;
            return _builder.Add(layer, call.Span, path, display, inputs, CurrentSites());
        }

        private static int IndexOf(LayerDescriptor descriptor, string name)
        {
            for (var i = 0; i < descriptor.Arguments.Count; i++)
            {
                if (descriptor.Arguments[i].Name == name) return i;
            }
            return int.MaxValue;
        }

        // A computed label must evaluate to an identifier (or digits, like an index).
        private string? Label(Expr expr, Dictionary<string, ArgValue> env)
        {
            var value = _evaluator.Eval(expr, env);
            if (value is null) return null;
            var text = value.Kind == ArgValueKind.String || value.Kind == ArgValueKind.Name ? value.Text : value.Kind == ArgValueKind.Int ? value.ToString() : null;
            if (text != null && (IsIdentifier(text) || (text.Length > 0 && text.All(c => c >= '0' && c <= '9')))) return text;
            Report(DiagnosticCatalog.BadArgument, expr.Span, "name", "label", "expected an identifier but got " + value.TypeName + " '" + value + "'");
            return null;
        }

        private bool EvaluateArgs(CallStmt call, Dictionary<string, ArgValue> env, out List<ArgValue> positional, out List<NamedArgValue> named, out string? label)
        {
            positional = new List<ArgValue>();
            named = new List<NamedArgValue>();
            label = call.Label;
            var ok = true;
            if (call.LabelExpr != null)
            {
                label = Label(call.LabelExpr, env);
                if (label is null) ok = false;
            }
            foreach (var arg in call.Args)
            {
                if (arg.Name == "name")
                {
                    // name= is the generic label override. A bare identifier is taken literally unless it
                    // is a parameter in scope: then its value is the label (name=lbl in a block).
                    if (arg.Value is NameExpr n && !env.ContainsKey(n.Name)) label = n.Name;
                    else if (arg.Value is LiteralExpr { Value: { Kind: ArgValueKind.String } s } && IsIdentifier(s.Text)) label = s.Text;
                    else if (arg.Value is NameExpr || arg.Value is InterpolatedExpr || arg.Value is BinaryExpr || arg.Value is ConditionalExpr || arg.Value is IndexExpr)
                    {
                        var computed = Label(arg.Value, env);
                        if (computed is null) ok = false;
                        else label = computed;
                    }
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
                    SuggestLast(arg.Name, arg.NameSpan, block.Params.Select(p => p.Name));
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
            _sites.Add(new SpecNote(call.NameSpan, "in " + (block.IsMacro ? "macro" : "block") + " '" + block.Name + "' instantiated here"));
            try
            {
                var mark = _diagnostics.Count;
                int end;
                if (block.IsMacro)
                {
                    // A macro expands into the caller's scope; its label names the first module it creates.
                    if (label != null) scope.PendingLabel = label;
                    end = Body(block.Body, inner, scope, input);
                    scope.PendingLabel = null;
                }
                else
                {
                    var blockPath = scope.ChildPath(label);
                    _builder.AddContainer(blockPath, block.Name, call.Span);
                    end = Body(block.Body, inner, new Scope(blockPath), input);
                }
                Locate(mark);
                return end;
            }
            finally
            {
                _sites.RemoveAt(_sites.Count - 1);
                _callStack.Pop();
            }
        }

        private static string Plural(string bound, int count)
            => bound + " " + count.ToString(CultureInfo.InvariantCulture) + (count == 1 ? " argument" : " arguments");

        private void Report(SpecDiagnosticDescriptor descriptor, SourceSpan span, params object[] args)
            => _diagnostics.Add(SpecDiagnostic.Create(descriptor, span, args));
    }
}
