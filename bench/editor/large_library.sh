# Sourced by the editor benchmarks: large_library prints the script lines that make the large
# library, 500 double-faced 4-section ranges (2,000 shelf sections) in 20 rows of 25, ids f1..f500.
large_library() {
    printf 'new empty\n'
    i=0
    while [ $i -lt 500 ]; do
        printf 'add shelf_double_steel_1800 %s %s.%s\n' $((2 + (i % 25) * 4)) $(( (i / 25) * 3 / 2 + 1 )) $(( (i / 25) % 2 * 5 ))
        i=$((i + 1))
    done
}
