# A PyTorch version of an mltutor experiment.
# data: apartments, model: 1-8-1 tanh, seed 0
# optimizer sgd, lr 0.05, batch 32, momentum 0.9,
# l1 0.0, l2 0.0, dropout 0.0, clip 0.0
import gzip
import struct

import numpy as np
import torch
from torch import nn

SEED = 0
LEARNING_RATE = 0.05
BATCH_SIZE = 32
MOMENTUM = 0.9
L1 = 0.0
L2 = 0.0
DROPOUT = 0.0
CLIP = 0.0
EPOCHS = 10
torch.manual_seed(SEED)

# apartments: the exact examples mltutor used (features as the model sees them).
x_train = torch.tensor([-0.05686412, 1.7732477, -0.7104755, 0.36798328, 0.9562335, 0.5640667, 1.5118032, -1.0372812, -0.67779493, -0.6124338, 0.40066385, -1.5601703, 1.4791226, 1.0215946, 0.237261, 1.5118032, 0.72746956, -1.0046006, -0.64511436, -1.1680034, -0.7431561, 1.0869558, -0.54707265, 0.17189987, -1.4621286, -0.22026697, -1.3640869, -1.3640869, 0.17189987, -1.1680034, 1.1523169, 1.5118032, -0.22026697, -0.7431561, -0.54707265, 1.4791226, 1.2830392, 1.1523169, -1.3314064, -1.0046006, 1.3484004, -0.31830868, -0.15490583, 0.466025, 1.446442, 0.1392193, -0.9392395, -0.4163504, -0.6124338, -1.3314064], dtype=torch.float32).reshape(-1, 1)
y_train = torch.tensor([340.0, 626.0, 283.0, 371.0, 500.0, 377.0, 570.0, 202.0, 612.0, 355.0, 420.0, 99.0, 1166.0, 471.0, 412.0, 505.0, 412.0, 234.0, 209.0, 218.0, 269.0, 454.0, 300.0, 391.0, 160.0, 346.0, 221.0, 202.0, 379.0, 207.0, 553.0, 503.0, 384.0, 256.0, 254.0, 552.0, 505.0, 490.0, 206.0, 194.0, 564.0, 298.0, 361.0, 452.0, 525.0, 395.0, 262.0, 670.0, 319.0, 167.0], dtype=torch.float32).reshape(-1, 1)
x_test = torch.tensor([-1.5928509, -0.44903097, 0.8255113, 0.72746956, -0.22026697, 0.62942785, 1.3484004, 1.4791226, -0.64511436, -1.5601703, 0.62942785, 0.041177586, 0.49870557, 1.5771643, -0.8411978, 0.9889141, 2.1000535, -0.8085172, 0.008497017, 0.07385816], dtype=torch.float32).reshape(-1, 1)
y_test = torch.tensor([145.0, 301.0, 460.0, 400.0, 347.0, 365.0, 566.0, 517.0, 257.0, 166.0, 460.0, 337.0, 445.0, 545.0, 275.0, 464.0, 619.0, 278.0, 370.0, 409.0], dtype=torch.float32).reshape(-1, 1)


model = nn.Sequential(
    nn.Linear(1, 8),
    nn.Tanh(),
    nn.Dropout(DROPOUT),
    nn.Linear(8, 1),
)
for layer in model:
    if isinstance(layer, nn.Linear):
        nn.init.xavier_uniform_(layer.weight)
        nn.init.zeros_(layer.bias)

weights = [p for n, p in model.named_parameters() if n.endswith("weight")]
biases = [p for n, p in model.named_parameters() if n.endswith("bias")]
groups = [{"params": weights, "weight_decay": L2}, {"params": biases, "weight_decay": 0.0}]
optimizer = torch.optim.SGD(groups, lr=LEARNING_RATE)


loss_fn = nn.MSELoss()
for epoch in range(EPOCHS):
    model.train()
    order = torch.randperm(len(x_train))
    for start in range(0, len(x_train), BATCH_SIZE):
        batch = order[start:start + BATCH_SIZE]
        loss = loss_fn(model(x_train[batch]), y_train[batch])
        if L1 > 0:
            loss = loss + L1 * sum(p.abs().sum() for p in weights)
        optimizer.zero_grad()
        loss.backward()
        if CLIP > 0:
            torch.nn.utils.clip_grad_norm_(model.parameters(), CLIP)
        optimizer.step()
    model.eval()
    with torch.no_grad():
        test_loss = loss_fn(model(x_test), y_test).item()
        print(f"epoch {epoch + 1}: test loss {test_loss:.4f}, test RMSE {test_loss ** 0.5:.4f}")
