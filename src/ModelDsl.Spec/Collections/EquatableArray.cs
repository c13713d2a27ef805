using System;
using System.Collections;
using System.Collections.Generic;

namespace ModelDsl.Spec.Collections
{
    /// <summary>
    /// An immutable array with value equality, so records holding lists compare by content
    /// (the source generator caches IR models by equality).
    /// </summary>
    /// <typeparam name="T">Element type; compared with <see cref="EqualityComparer{T}.Default"/>.</typeparam>
    public readonly struct EquatableArray<T> : IEquatable<EquatableArray<T>>, IReadOnlyList<T>
    {
        private readonly T[]? _items;

        /// <summary>Wraps a copy of <paramref name="items"/>.</summary>
        public EquatableArray(IEnumerable<T> items)
        {
            _items = new List<T>(items).ToArray();
        }

        /// <summary>The empty array.</summary>
        public static EquatableArray<T> Empty => default;

        /// <summary>Number of elements.</summary>
        public int Count => _items?.Length ?? 0;

        /// <summary>Element at <paramref name="index"/>.</summary>
        public T this[int index] => (_items ?? Array.Empty<T>())[index];

        /// <summary>Creates an array from the given elements.</summary>
        public static EquatableArray<T> Of(params T[] items) => new EquatableArray<T>(items);

        /// <summary>A copy of the elements as a plain array.</summary>
        public T[] ToArray() => (T[])(_items ?? Array.Empty<T>()).Clone();

        /// <inheritdoc />
        public bool Equals(EquatableArray<T> other)
        {
            var a = _items ?? Array.Empty<T>();
            var b = other._items ?? Array.Empty<T>();
            if (a.Length != b.Length) return false;
            var cmp = EqualityComparer<T>.Default;
            for (var i = 0; i < a.Length; i++)
            {
                if (!cmp.Equals(a[i], b[i])) return false;
            }
            return true;
        }

        /// <inheritdoc />
        public override bool Equals(object? obj) => obj is EquatableArray<T> other && Equals(other);

        /// <inheritdoc />
        public override int GetHashCode()
        {
            var hash = 17;
            if (_items is null) return hash;
            var cmp = EqualityComparer<T>.Default;
            foreach (var item in _items)
            {
                hash = unchecked(hash * 31 + (item is null ? 0 : cmp.GetHashCode(item)));
            }
            return hash;
        }

        /// <summary>Value equality.</summary>
        public static bool operator ==(EquatableArray<T> left, EquatableArray<T> right) => left.Equals(right);

        /// <summary>Value inequality.</summary>
        public static bool operator !=(EquatableArray<T> left, EquatableArray<T> right) => !left.Equals(right);

        /// <inheritdoc />
        public IEnumerator<T> GetEnumerator() => ((IEnumerable<T>)(_items ?? Array.Empty<T>())).GetEnumerator();

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        /// <summary>Elements joined with ", ".</summary>
        public override string ToString() => "[" + string.Join(", ", this) + "]";
    }

    /// <summary>Helpers to build <see cref="EquatableArray{T}"/>.</summary>
    public static class EquatableArray
    {
        /// <summary>Wraps a sequence.</summary>
        public static EquatableArray<T> ToEquatableArray<T>(this IEnumerable<T> items) => new EquatableArray<T>(items);

        /// <summary>Creates an array from the given elements.</summary>
        public static EquatableArray<T> Of<T>(params T[] items) => new EquatableArray<T>(items);
    }
}
