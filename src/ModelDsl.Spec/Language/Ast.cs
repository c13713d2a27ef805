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

    /// <summary>A call argument, positional when <see cref="Name"/> is null.</summary>
    internal sealed record Arg(string? Name, SourceSpan NameSpan, Expr Value);

    /// <summary>A statement in a body.</summary>
    internal abstract record Stmt(SourceSpan Span);

    /// <summary>A layer or block call, optionally labelled (<c>conv1: conv2d(64, 7)</c>).</summary>
    internal sealed record CallStmt(string? Label, string Name, IReadOnlyList<Arg> Args, SourceSpan NameSpan, SourceSpan Span) : Stmt(Span);

    /// <summary>A named sequential group whose unnamed children are numbered (<c>features: { ... }</c>).</summary>
    internal sealed record GroupStmt(string Label, IReadOnlyList<Stmt> Body, SourceSpan Span) : Stmt(Span);

    /// <summary><c>if cond { ... } else { ... }</c>.</summary>
    internal sealed record IfStmt(Expr Condition, IReadOnlyList<Stmt> Then, IReadOnlyList<Stmt> Else, SourceSpan Span) : Stmt(Span);

    /// <summary><c>repeat n { ... }</c>.</summary>
    internal sealed record RepeatStmt(Expr Count, IReadOnlyList<Stmt> Body, SourceSpan Span) : Stmt(Span);

    /// <summary><c>fork add { ... } { ... }</c>: branches from one input, merged by the merge layer.</summary>
    internal sealed record ForkStmt(CallStmt Merge, IReadOnlyList<IReadOnlyList<Stmt>> Branches, SourceSpan Span) : Stmt(Span);

    /// <summary><c>residual [if cond] { ... }</c>: body plus identity shortcut merged by add (when cond holds).</summary>
    internal sealed record ResidualStmt(Expr? Condition, IReadOnlyList<Stmt> Body, SourceSpan Span) : Stmt(Span);

    /// <summary>A parameter of a model or block.</summary>
    internal sealed record Param(string Name, SourceSpan Span, Expr? Default);

    /// <summary>A model or block declaration.</summary>
    internal sealed record Decl(bool IsModel, string Name, SourceSpan NameSpan, IReadOnlyList<Param> Params, IReadOnlyList<Stmt> Body, SourceSpan Span);

    /// <summary>A parsed file.</summary>
    internal sealed record SpecFile(string Path, IReadOnlyList<Decl> Decls);
}
