"""The playground's small network: features of a point in the plane, hidden layers, an output
head with its loss, regularisation, training by epochs, and the maps over the plane."""
