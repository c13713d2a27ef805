using System.Collections.Generic;
using ModelDsl.Spec.Layers;
using ModelDsl.Spec.Text;

namespace ModelDsl.Spec.Language
{
    // The syntax tree of a .mdsl file: what the parser produces and the elaborator expands.
    // Internal: consumers see only the expanded ModelGraph.

    /// <summary>An expression.</summary>
    internal abstract record Expr(SourceSpan Span);

    /// <summary>A literal number, bool, dims or string.</summary>
    internal sealed record LiteralExpr(ArgValue Value, SourceSpan Span) : Expr(Span);

    /// <summary>A parameter reference or a bare option name (same, relu, ...).</summary>
    internal sealed record NameExpr(string Name, SourceSpan Span) : Expr(Span);

    /// <summary>A binary operation (+ - * / % == != &lt; &lt;= &gt; &gt;= and or).</summary>
    internal sealed record BinaryExpr(string Op, Expr Left, Expr Right, SourceSpan Span) : Expr(Span);

    /// <summary>Unary minus or not.</summary>
    internal sealed record UnaryExpr(string Op, Expr Operand, SourceSpan Span) : Expr(Span);

    /// <summary><c>a if cond else b</c>.</summary>
    internal sealed record ConditionalExpr(Expr Condition, Expr Then, Expr Else, SourceSpan Span) : Expr(Span);

    /// <summary>A parenthesised tuple <c>(1, 2)</c>.</summary>
    internal sealed record TupleExpr(IReadOnlyList<Expr> Items, SourceSpan Span) : Expr(Span);

    /// <summary>A list <c>[64, 64, "M"]</c>.</summary>
    internal sealed record ListExpr(IReadOnlyList<Expr> Items, SourceSpan Span) : Expr(Span);

    /// <summary>Indexing <c>cfg[i]</c> (negative indices count from the end).</summary>
    internal sealed record IndexExpr(Expr Target, Expr Index, SourceSpan Span) : Expr(Span);

    /// <summary>An inclusive integer range <c>1..n</c>, a list of integers.</summary>
    internal sealed record RangeExpr(Expr From, Expr To, SourceSpan Span) : Expr(Span);

    /// <summary>A string with <c>{expr}</c> holes: <c>"denselayer{i}"</c>.</summary>
    internal sealed record InterpolatedExpr(IReadOnlyList<Expr> Parts, SourceSpan Span) : Expr(Span);

    /// <summary>A built-in function call in an expression (<c>len(cfg)</c>).</summary>
    internal sealed record FunctionExpr(string Name, IReadOnlyList<Expr> Args, SourceSpan NameSpan, SourceSpan Span) : Expr(Span);

    /// <summary>A call argument, positional when <see cref="Name"/> is null.</summary>
    internal sealed record Arg(string? Name, SourceSpan NameSpan, Expr Value);

    /// <summary>A statement in a body.</summary>
    internal abstract record Stmt(SourceSpan Span);

    /// <summary>A layer or block call, optionally labelled (<c>conv1: conv2d(64, 7)</c>).</summary>
    internal sealed record CallStmt(string? Label, string Name, IReadOnlyList<Arg> Args, SourceSpan NameSpan, SourceSpan Span) : Stmt(Span)
    {
        /// <summary>A computed label (<c>"denselayer{i}": ...</c>); <see cref="Label"/> is then null.</summary>
        public Expr? LabelExpr { get; init; }
    }

    /// <summary>A named sequential group whose unnamed children are numbered (<c>features: { ... }</c>).</summary>
    internal sealed record GroupStmt(string Label, IReadOnlyList<Stmt> Body, SourceSpan Span) : Stmt(Span)
    {
        /// <summary>A computed label (<c>"layer{i}": { ... }</c>).</summary>
        public Expr? LabelExpr { get; init; }
    }

    /// <summary><c>defaults batchnorm(eps=0.00001)</c>: named arguments every later call of that layer gets unless it sets them.</summary>
    internal sealed record DefaultsStmt(CallStmt Call, SourceSpan Span) : Stmt(Span);

    /// <summary><c>if cond { ... } else { ... }</c>.</summary>
    internal sealed record IfStmt(Expr Condition, IReadOnlyList<Stmt> Then, IReadOnlyList<Stmt> Else, SourceSpan Span) : Stmt(Span);

    /// <summary><c>repeat n { ... }</c>.</summary>
    internal sealed record RepeatStmt(Expr Count, IReadOnlyList<Stmt> Body, SourceSpan Span) : Stmt(Span)
    {
        /// <summary>The loop variable of <c>repeat i in 1..n</c> / <c>repeat v in cfg</c>; null for <c>repeat n</c>.</summary>
        public string? Variable { get; init; }
    }

    /// <summary><c>fork add { ... } { ... }</c>: branches from one input, merged by the merge layer.</summary>
    internal sealed record ForkStmt(CallStmt Merge, IReadOnlyList<IReadOnlyList<Stmt>> Branches, SourceSpan Span) : Stmt(Span);

    /// <summary><c>residual [if cond] { ... }</c>: body plus identity shortcut merged by add (when cond holds).</summary>
    internal sealed record ResidualStmt(Expr? Condition, IReadOnlyList<Stmt> Body, SourceSpan Span) : Stmt(Span);

    /// <summary>A parameter of a model or block.</summary>
    internal sealed record Param(string Name, SourceSpan Span, Expr? Default);

    /// <summary>A model or block declaration.</summary>
    internal sealed record Decl(bool IsModel, string Name, SourceSpan NameSpan, IReadOnlyList<Param> Params, IReadOnlyList<Stmt> Body, SourceSpan Span)
    {
        /// <summary>A <c>macro</c>: a block whose body expands into the caller's scope (no module path of its own).</summary>
        public bool IsMacro { get; init; }
    }

    /// <summary>A parsed file.</summary>
    internal sealed record SpecFile(string Path, IReadOnlyList<Decl> Decls)
    {
        /// <summary>File-level <c>defaults</c> statements, in order.</summary>
        public IReadOnlyList<DefaultsStmt> Defaults { get; init; } = new DefaultsStmt[0];
    }
}
