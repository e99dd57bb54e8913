/// Mean of `values` with the second-pass correction: Σ(x − m)/n added to the first-pass mean m
/// removes most of its rounding error, and makes the mean of a constant series exactly that value.
func mean(of values: [Double]) -> Double {
    let roughMean = values.reduce(0, +) / Double(values.count)
    return roughMean + values.reduce(0) { $0 + ($1 - roughMean) } / Double(values.count)
}

/// Exact median of `buffer` by quickselect: expected O(m), reorders the buffer; the mean of the two
/// middle elements when the count is even. `buffer` must not be empty.
func selectMedian(_ buffer: UnsafeMutableBufferPointer<Double>) -> Double {
    let middle = buffer.count / 2
    let upper = select(middle, in: buffer)
    guard buffer.count % 2 == 0 else { return upper }
    // After selection everything before `middle` is ≤ upper; the lower middle is its maximum.
    var lower = buffer[0]
    for index in 1 ..< middle {
        lower = max(lower, buffer[index])
    }
    return (lower + upper) / 2
}

/// Moves the element of rank `k` (0-based) to index `k`, smaller-or-equal ones before it and
/// greater-or-equal ones after it, and returns it.
///
/// Quickselect around a median-of-three pivot with a branch-free Lomuto partition (the comparison
/// only moves the write index, so unpredictable data costs no mispredicted branches). Elements equal
/// to the pivot are split off in a second pass only when the first made no progress, which keeps
/// runs of ties linear. After 2·log₂(m) rounds without finishing it sorts the remaining range, so
/// the worst case stays O(m log m).
func select(_ k: Int, in buffer: UnsafeMutableBufferPointer<Double>) -> Double {
    var low = 0, high = buffer.count  // k is in [low, high); before low ≤, from high on ≥ the range
    var rounds = 2 * (Int.bitWidth - buffer.count.leadingZeroBitCount)
    while high - low > 1 {
        if rounds == 0 {
            var rest = UnsafeMutableBufferPointer(rebasing: buffer[low ..< high])
            rest.sort()
            break
        }
        rounds -= 1
        let first = buffer[low], middle = buffer[low + (high - low) / 2], last = buffer[high - 1]
        let pivot = max(min(first, middle), min(max(first, middle), last))
        let below = partition(buffer, low ..< high) { $0 < pivot }
        if k < below {
            high = below
        } else if below > low {
            low = below
        } else {
            // Nothing was below the pivot: it is the minimum, so split off the values equal to it.
            let equal = partition(buffer, low ..< high) { $0 <= pivot }
            if k < equal { return pivot }
            low = equal
        }
    }
    return buffer[k]
}

/// Moves the elements of `range` that satisfy `isBefore` to its front, without branching on the
/// result; returns the end of that front part.
@inline(__always)
private func partition(_ buffer: UnsafeMutableBufferPointer<Double>, _ range: Range<Int>,
                       _ isBefore: (Double) -> Bool) -> Int {
    var end = range.lowerBound
    for index in range {
        let value = buffer[index]
        buffer[index] = buffer[end]
        buffer[end] = value
        end += isBefore(value) ? 1 : 0
    }
    return end
}
