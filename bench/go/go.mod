module chango.bench/go

go 1.19
